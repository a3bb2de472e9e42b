import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { enumType, EnumValue } from '../../shared/graphql/enum-type';
import { PaginatedList } from '../../shared/graphql/list.types';

export const NotificationChannel = enumType('NotificationChannel', ['IN_APP', 'EMAIL']);
export type NotificationChannel = EnumValue<typeof NotificationChannel>;
export const EmailDigest = enumType('EmailDigest', ['DAILY', 'IMMEDIATE']);
export type EmailDigest = EnumValue<typeof EmailDigest>;
export const OutboxStatus = enumType('OutboxStatus', ['PENDING', 'SENT', 'FAILED', 'KEPT']);

@ObjectType({ description: 'Something a person was told: what happened, in a sentence, and where to look' })
export class Notification {
  @Field(() => ID) id: string;
  @Field({ description: 'lead.assigned, invoice.overdue, ... (see notificationPreferences for every type)' }) type: string;
  @Field() title: string;
  @Field() body: string;
  @Field({ description: 'The record in the admin UI, such as /admin/#/invoices/<id>/show' }) link: string;
  @Field({ description: 'LEAD, CLIENT, TASK, QUOTE, ORDER, INVOICE or WEBHOOK_ENDPOINT' }) subjectType: string;
  @Field() subjectId: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
}

@ObjectType()
export class NotificationList extends PaginatedList(Notification) {
  @Field(() => Int, { description: 'How many of your notifications are unread (whatever the filter)' }) unread: number;
}

@ObjectType({ description: "The caller's unread count after a change" })
export class UnreadNotifications {
  @Field(() => Int) unread: number;
}

@InputType()
export class NotificationFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: only unread ones; false or absent: all' })
  @IsOptional()
  @IsBoolean()
  unread?: boolean;

  @Field(() => String, { nullable: true, description: 'Only this type, such as invoice.overdue' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;
}

@ArgsType()
export class NotificationsArgs {
  @Field(() => NotificationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotificationFilter)
  filter?: NotificationFilter;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'Page number, from 1' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'page starts at 1' })
  @Max(100_000, { message: 'page can be at most 100000' })
  page: number = 1;

  @Field(() => Int, { nullable: true, defaultValue: 25, description: 'Rows per page, 1 to 100' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'perPage must be at least 1' })
  @Max(100, { message: 'perPage can be at most 100' })
  perPage: number = 25;
}

@ArgsType()
export class OutboxArgs {
  @Field(() => Int, { nullable: true, defaultValue: 1 })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'page starts at 1' })
  @Max(100_000, { message: 'page can be at most 100000' })
  page: number = 1;

  @Field(() => Int, { nullable: true, defaultValue: 25, description: 'Rows per page, 1 to 100' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'perPage must be at least 1' })
  @Max(100, { message: 'perPage can be at most 100' })
  perPage: number = 25;
}

@ArgsType()
export class SetNotificationPreferenceArgs {
  @Field({ description: 'A notification type, such as invoice.overdue' })
  @IsString()
  @MaxLength(100)
  type: string;

  @Field(() => NotificationChannel)
  @IsIn(Object.values(NotificationChannel))
  channel: NotificationChannel;

  @Field()
  @IsBoolean()
  enabled: boolean;
}

@ObjectType()
export class NotificationPreference {
  @Field() type: string;
  @Field(() => NotificationChannel) channel: NotificationChannel;
  @Field() enabled: boolean;
  @Field({ description: 'true: this one cannot be turned off' }) locked: boolean;
}

@ObjectType({ description: 'An email as annals recorded it: kept (no SMTP configured), being retried, or failed' })
export class OutboxMessage {
  @Field(() => ID) id: string;
  @Field({ description: 'invitation, password_reset, notification, digest' }) kind: string;
  @Field() to: string;
  @Field() subject: string;
  @Field() text: string;
  @Field() html: string;
  @Field(() => OutboxStatus) status: string;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Date, { nullable: true }) nextAttemptAt: Date | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) sentAt: Date | null;
}

@ObjectType()
export class OutboxMessageList extends PaginatedList(OutboxMessage) {}
