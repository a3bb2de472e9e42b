import { Inject, Type } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Caller } from '../auth/caller';
import { CommandService } from '../command/command.service';
import { ListArgs, Page } from './list.types';

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

/**
 * The resolver of a record type, with its two queries (one by id, a filtered page) and the services
 * its mutations use: `@Resolver(() => Lead) class LeadResolver extends RecordResolver(CrmQueries,
 * {...}) {}`. The services are injected as properties, so a subclass needs no constructor.
 */
export const RecordResolver = <Queries, Row, Filter>(queries: Type<Queries>, { one, list }: RecordQueriesOptions<Queries, Row, Filter>) => {
  @Resolver({ isAbstract: true })
  abstract class RecordResolverHost {
    @Inject(CommandService) protected readonly commands: CommandService;
    @Inject(queries) protected readonly queries: Queries;

    @Query(() => one.type, { name: one.name, nullable: true, description: one.description })
    record(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
      return one.read(this.queries, caller.tenantId, id);
    }

    @Query(() => list.type, { name: list.name, description: list.description })
    records(@Args() args: ListArgs, @Args('filter', { type: () => list.filter, nullable: true }) filter: Filter | undefined, @Caller() caller: Caller) {
      return list.read(this.queries, caller.tenantId, filter, args);
    }
  }
  return RecordResolverHost;
};
