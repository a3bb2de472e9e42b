import { Inject, Type } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Caller } from '../auth/caller';
import { CommandService } from '../command/command.service';
import { ListArgs, Page } from './list.types';
import { asKnownAt, rememberMoment } from '../history/known-at';
import { RECORD_READERS, RecordReader } from '../history/record-readers';

export interface RecordQueriesOptions<Queries, Row, Filter> {
  /** `lead(id)`: one record of the caller's tenant, or null. */
  one: { name: string; type: Type<Row>; description?: string; read: (queries: Queries, tenantId: string, id: string) => Promise<Row | null> | null };
  /** `leads(page, perPage, sortField, sortOrder, filter)`: a page of the records the filter matches. */
  list: {
    name: string;
    type: Type<Page<Row>>;
    filter: Type<Filter>;
    description?: string;
    read: (queries: Queries, tenantId: string, filter: Filter | undefined, list: ListArgs) => Promise<Page<Row>>;
  };
}

/** What `knownAt` answers, field by field (docs/audit.md, "As known at a moment"). */
export const KNOWN_AT_DESCRIPTION =
  'The record as the system knew it at that moment (a future moment is taken as now), folded from the log. As known then: every field of ' +
  "the record, what related records contribute (a quote's or order's clientName, a journal entry's account names), a client's " +
  "orderCount, lifetimeRevenue, openReceivables, lastActivityAt and activities, a lead's activities, and an invoice's overdue (judged " +
  "on that moment's date). As they are now: allowedCommands (what you may do now) and owner's name and email (the user as your " +
  'organisation knows them today; which user owned the record is as known then, in ownerId).';

/**
 * The resolver of a record type, with its two queries (one by id, a filtered page) and the services
 * its mutations use: `@Resolver(() => Lead) class LeadResolver extends RecordResolver(CrmQueries,
 * {...}) {}`. The services are injected as properties, so a subclass needs no constructor.
 */
export const RecordResolver = <Queries, Row, Filter>(queries: Type<Queries>, { one, list }: RecordQueriesOptions<Queries, Row, Filter>) => {
  RECORD_READERS.set(one.name, { queries, read: one.read as RecordReader['read'] });

  @Resolver({ isAbstract: true })
  abstract class RecordResolverHost {
    @Inject(CommandService) protected readonly commands: CommandService;
    @Inject(queries) protected readonly queries: Queries;

    @Query(() => one.type, { name: one.name, nullable: true, description: one.description })
    record(
      @Args('id', { type: () => ID }) id: string,
      @Args('knownAt', { type: () => Date, nullable: true, description: KNOWN_AT_DESCRIPTION })
      knownAt: Date | undefined,
      @Caller() caller: Caller,
    ) {
      // Remembered with its moment, so the field resolvers GraphQL runs afterwards read as of it too.
      return asKnownAt(knownAt, () => rememberMoment(one.read(this.queries, caller.tenantId, id)));
    }

    @Query(() => list.type, { name: list.name, description: list.description })
    records(@Args() args: ListArgs, @Args('filter', { type: () => list.filter, nullable: true }) filter: Filter | undefined, @Caller() caller: Caller) {
      return list.read(this.queries, caller.tenantId, filter, args);
    }
  }
  return RecordResolverHost;
};
