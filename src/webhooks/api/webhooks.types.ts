import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { composeField, EnumField, IdField, SearchField, TextField } from '../../shared/graphql/input-fields';
import { enumType, EnumValue } from '../../shared/graphql/enum-type';
import { PaginatedList } from '../../shared/graphql/list.types';
import { MAX_EVENT_TYPES, MAX_RATE_LIMIT } from '../domain/webhook-endpoint';

export const WebhookEndpointStatus = enumType('WebhookEndpointStatus', ['ACTIVE', 'FAILING', 'DISABLED']);
export type WebhookEndpointStatus = EnumValue<typeof WebhookEndpointStatus>;
export const WebhookDeliveryStatus = enumType('WebhookDeliveryStatus', ['PENDING', 'SUCCEEDED', 'RETRYING', 'FAILED']);
export type WebhookDeliveryStatus = EnumValue<typeof WebhookDeliveryStatus>;

@ObjectType({ description: 'A partner URL that receives signed webhooks (Standard Webhooks) for the event types it subscribes to' })
export class WebhookEndpoint {
  @Field(() => ID) id: string;
  @Field() url: string;
  @Field() description: string;
  @Field(() => [String], { description: 'Exact types and prefixes such as "billing.*"; empty means every type' }) eventTypes: string[];
  @Field(() => WebhookEndpointStatus) status: WebhookEndpointStatus;
  @Field({ description: 'A later event about the same record waits until the earlier one is delivered' }) orderedBySubject: boolean;
  @Field(() => Int, { nullable: true }) rateLimitPerSecond: number | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) lastSuccessAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'FAILING since this first failed delivery' }) failingSince: Date | null;
  @Field(() => String, { nullable: true }) disabledReason: string | null;
}

@ObjectType()
export class WebhookEndpointList extends PaginatedList(WebhookEndpoint) {}

@ObjectType({ description: 'The new endpoint and its signing secret, shown this once and never again' })
export class CreatedWebhookEndpoint {
  @Field(() => WebhookEndpoint) endpoint: WebhookEndpoint;
  @Field({ description: 'whsec_...: keep it; it is never shown again' }) secret: string;
}

@ObjectType({ description: 'The new signing secret, shown this once; the previous one keeps signing beside it for 24 hours' })
export class RotatedWebhookSecret {
  @Field() secret: string;
}

@ObjectType()
export class WebhookAttempt {
  @Field(() => Date) at: Date;
  @Field(() => Int, { nullable: true }) statusCode: number | null;
  @Field(() => Int) durationMs: number;
  @Field(() => String, { nullable: true, description: 'The first 4 KB of the answer' }) responseBody: string | null;
  @Field(() => String, { nullable: true, description: 'Why the attempt failed when there was no answer (timeout, refused address...)' }) error: string | null;
}

@ObjectType({ description: 'One integration event for one endpoint; its id is the webhook-id every attempt carries' })
export class WebhookDelivery {
  @Field(() => ID) id: string;
  @Field(() => ID) endpointId: string;
  @Field() eventId: string;
  @Field() eventType: string;
  @Field(() => WebhookDeliveryStatus) status: WebhookDeliveryStatus;
  @Field(() => Int) attemptCount: number;
  @Field(() => Date, { nullable: true }) nextAttemptAt: Date | null;
  @Field(() => Int, { nullable: true }) lastStatusCode: number | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The body sent (the CloudEvent); null once pruned (replay brings it back)' }) payload: string | null;
  @Field() test: boolean;
  @Field(() => [WebhookAttempt]) attempts: WebhookAttempt[];
}

@ObjectType()
export class WebhookDeliveryList extends PaginatedList(WebhookDelivery) {}

@ObjectType({ description: 'How many deliveries a replay scheduled' })
export class WebhookReplay {
  @Field(() => Int) deliveries: number;
}

@ObjectType({ description: 'A published integration event type' })
export class WebhookEventType {
  @Field() type: string;
  @Field() context: string;
  @Field() description: string;
  @Field({ description: 'JSON Schema (draft 2020-12) of the event data, as JSON text' }) schema: string;
  @Field({ description: 'A valid CloudEvent of this type, as JSON text' }) example: string;
}

const EventTypesField = (optional: boolean): PropertyDecorator =>
  composeField(() => [
    Field(() => [String], { nullable: optional, description: 'Exact types ("billing.invoice.paid.v1") and prefixes ("billing.*"); empty means every type' }),
    ...(optional ? [IsOptional()] : []),
    IsArray(),
    ArrayMaxSize(MAX_EVENT_TYPES, { message: `eventTypes can list at most ${MAX_EVENT_TYPES} types` }),
    IsString({ each: true }),
    MaxLength(200, { each: true, message: 'each event type can be at most 200 characters' }),
  ]);

const RateLimitField = (): PropertyDecorator =>
  composeField(() => [
    Field(() => Int, { nullable: true, description: 'Requests per second at most; null for no limit' }),
    IsOptional(),
    IsInt({ message: 'rateLimitPerSecond must be a whole number' }),
    Min(1, { message: 'rateLimitPerSecond must be at least 1' }),
    Max(MAX_RATE_LIMIT, { message: `rateLimitPerSecond can be at most ${MAX_RATE_LIMIT}` }),
  ]);

@InputType()
export class CreateWebhookEndpointInput {
  @TextField({ max: 2048, blank: 'url is required', description: 'https:// URL that receives the POSTs' }) url: string;
  @TextField({ max: 500, optional: true }) description?: string;
  @EventTypesField(true) eventTypes?: string[];
  @Field({ nullable: true, defaultValue: false }) @IsOptional() @IsBoolean() orderedBySubject?: boolean;
  @RateLimitField() rateLimitPerSecond?: number | null;
  @Field(() => Date, { nullable: true, description: 'Deliver the history of matching events since then, in order, before live ones' })
  @IsOptional()
  @IsDate({ message: 'backfillFrom must be a date-time' })
  backfillFrom?: Date | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @TextField({ max: 2048, optional: true }) url?: string;
  @TextField({ max: 500, optional: true }) description?: string;
  @EventTypesField(true) eventTypes?: string[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() orderedBySubject?: boolean;
  @RateLimitField() rateLimitPerSecond?: number | null;
}

@InputType()
export class WebhookEndpointFilter {
  @EnumField(WebhookEndpointStatus, { optional: true }) status?: WebhookEndpointStatus;
  @SearchField('Part of the url or description') q?: string;
}

@InputType()
export class WebhookDeliveryFilter {
  @IdField({ mustBe: 'a webhook endpoint id', optional: true }) endpointId?: string;
  @EnumField(WebhookDeliveryStatus, { optional: true }) status?: WebhookDeliveryStatus;
  @TextField({ max: 200, optional: true }) eventType?: string;
  @TextField({ max: 200, optional: true }) eventId?: string;
}

@InputType({ description: 'A point of the log: a position, or a time (when the store recorded the event)' })
export class LogPointInput {
  @Field({ nullable: true, description: 'Position in the log (a decimal string)' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'position must be a whole number written in digits' })
  position?: string;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate({ message: 'time must be a date-time' }) time?: Date;
}

@ArgsType()
export class ReplayWebhookEndpointArgs {
  @IdField({ mustBe: 'a webhook endpoint id' }) id: string;
  @Field(() => LogPointInput) @ValidateNested() @Type(() => LogPointInput) from: LogPointInput;
  @Field(() => LogPointInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => LogPointInput) to?: LogPointInput;
}
