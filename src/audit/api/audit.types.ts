import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';

@ObjectType('AuditActor', { description: 'Who did it: a user, an API key or annals itself' })
export class AuditActor {
  @Field(() => ID) id: string;
  @Field({ description: 'user, api_key or system' }) kind: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
}

@ObjectType('FieldChange', { description: "One field of the record an event changed, in the API's words" })
export class FieldChange {
  @Field() field: string;
  @Field(() => GraphQLJSON, { nullable: true }) before: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after: unknown;
}

@ObjectType('RecordChange', { description: 'One event of a record, turned into the fields it changed' })
export class RecordChange {
  @Field(() => Int, { description: 'Revision within the record, from 0' }) revision: number;
  @Field({ description: 'Global position in the log (a 64-bit integer, as a string)' }) position: string;
  @Field(() => Date) recordedAt: Date;
  @Field() type: string;
  @Field(() => AuditActor) actor: AuditActor;
  @Field(() => String, { nullable: true }) correlationId: string | null;
  @Field(() => [FieldChange]) fields: FieldChange[];
}

@ObjectType('AuditLogEntry', { description: 'One stored event of the tenant, who caused it, from where and why' })
export class AuditLogEntry {
  @Field() position: string;
  @Field(() => Date) recordedAt: Date;
  @Field({ description: 'The kind of record: lead, client, invoice, journalEntry...' }) entity: string;
  @Field() entityId: string;
  @Field() type: string;
  @Field(() => AuditActor) actor: AuditActor;
  @Field(() => String, { nullable: true }) correlationId: string | null;
  @Field(() => String, { nullable: true }) causationId: string | null;
  @Field(() => String, { nullable: true }) ip: string | null;
  @Field(() => String, { nullable: true }) userAgent: string | null;
  @Field(() => GraphQLJSON) data: unknown;
}

@ObjectType('AuditLogPage')
export class AuditLogPage {
  @Field(() => [AuditLogEntry]) items: AuditLogEntry[];
  @Field(() => Int) total: number;
}

@InputType('AuditLogFilter')
export class AuditLogFilter {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) actorId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) entity?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) entityId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) eventType?: string;
  @Field(() => Date, { nullable: true, description: 'Recorded at or after' }) @IsOptional() @IsDate() from?: Date;
  @Field(() => Date, { nullable: true, description: 'Recorded at or before' }) @IsOptional() @IsDate() to?: Date;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) correlationId?: string;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => AuditLogFilter, { nullable: true }) @IsOptional() filter?: AuditLogFilter;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'Page number, from 1' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'page starts at 1' })
  @Max(100_000, { message: 'page can be at most 100000: narrow the filter (dates, actor) instead' })
  page: number = 1;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'Rows per page, 1 to 1000' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'perPage must be at least 1' })
  @Max(1000, { message: 'perPage can be at most 1000' })
  perPage: number = 50;
}

@ObjectType('AuditThreadEntry', { description: 'One step of what an action caused: an event, or what a contributor (webhooks, notifications) recorded' })
export class AuditThreadEntry {
  @Field({ description: 'event, or the contributor: webhook_delivery, notification...' }) kind: string;
  @Field(() => String, { nullable: true, description: 'Log position, for events' }) position: string | null;
  @Field(() => Date) at: Date;
  @Field(() => String, { nullable: true }) entity: string | null;
  @Field(() => String, { nullable: true }) entityId: string | null;
  @Field({ description: 'The event type, or what the contributor did' }) type: string;
  @Field(() => AuditActor, { nullable: true }) actor: AuditActor | null;
  @Field(() => String, { nullable: true }) causationId: string | null;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) data: unknown;
}

@ObjectType('AuditSeal', { description: 'A locked period, sealed with the chain head at the lock' })
export class AuditSeal {
  @Field({ description: 'The period is locked through this date' }) through: string;
  @Field() position: string;
  @Field() hash: string;
  @Field(() => Date) sealedAt: Date;
  @Field(() => String, { nullable: true }) actorId: string | null;
  @Field(() => Boolean, { nullable: true, description: 'After verifyLog: still matching; null when not in the range verified' }) intact: boolean | null;
}

@ObjectType('LogVerification')
export class LogVerification {
  @Field() ok: boolean;
  @Field(() => Int) checked: number;
  @Field(() => String, { nullable: true }) firstBrokenPosition: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => String, { nullable: true }) headPosition: string | null;
  @Field(() => String, { nullable: true }) headHash: string | null;
  @Field(() => [AuditSeal]) seals: AuditSeal[];
}
