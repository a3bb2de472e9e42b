import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { GraphQLJSON } from 'graphql-scalars';
import { Caller } from '../auth/caller';
import { BadInputError, NotFoundError } from '../domain/domain-error';
import { isUuid } from '../domain/ids';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';

@ObjectType('RecordedEvent', { description: 'One stored event of a record, as the log holds it' })
export class RecordedEventType {
  @Field(() => ID) id: string;
  @Field({ description: 'Stored event type, e.g. LeadQualified' }) type: string;
  @Field(() => Int, { description: 'Revision within the record, from 0' }) revision: number;
  @Field({ description: 'Global position in the log (a 64-bit integer, as a string)' }) position: string;
  @Field(() => Date, { description: 'When the store recorded it' }) recordedAt: Date;
  @Field(() => GraphQLJSON) data: unknown;
  @Field(() => GraphQLJSON, { description: 'tenantId, actorId, correlationId, causationId, idempotencyKey' }) metadata: unknown;
}

/** Record kinds whose history can be read, and the stream category each lives in. */
export const HISTORY_ENTITIES: Record<string, string> = {
  lead: 'lead',
  client: 'client',
  activity: 'activity',
  invoice: 'invoice',
  product: 'product',
  quote: 'quote',
  order: 'order',
  journalEntry: 'journalEntry',
  chartOfAccounts: 'chartOfAccounts',
  user: 'user',
  apiKey: 'apikey',
  webhookEndpoint: 'webhookendpoint',
};

@Resolver()
export class HistoryResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Query(() => [RecordedEventType], { description: 'Every event of one record, oldest first' })
  async history(@Args('entity') entity: string, @Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    const category = HISTORY_ENTITIES[entity];
    if (!category) throw new BadInputError({ entity: [`unknown entity "${entity}"; use one of: ${Object.keys(HISTORY_ENTITIES).join(', ')}`] });
    if (!isUuid(id)) throw new NotFoundError(entity, id);
    const events = await this.store.readStream(`${category}-${id}`);
    // Another tenant's record is indistinguishable from one that does not exist.
    if (events.length === 0 || events.some((event) => event.metadata.tenantId !== caller.tenantId)) throw new NotFoundError(entity, id);
    return events.map((event) => ({
      id: event.id,
      type: event.type,
      revision: Number(event.revision),
      position: event.position.toString(),
      recordedAt: event.recordedAt,
      data: event.data,
      metadata: event.metadata,
    }));
  }
}
