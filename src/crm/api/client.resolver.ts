import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { ListArgs } from '../../shared/graphql/list.types';
import { CrmQueries } from '../application/crm.queries';
import { Client, ClientFilter, ClientList } from './crm.types';

@Resolver(() => Client)
export class ClientResolver {
  constructor(private readonly queries: CrmQueries) {}

  @Query(() => Client, { nullable: true, description: 'A client of your tenant, or null' })
  client(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.client(caller.tenantId, id);
  }

  @Query(() => ClientList)
  clients(
    @Args() list: ListArgs,
    @Args('filter', { type: () => ClientFilter, nullable: true }) filter: ClientFilter | undefined,
    @Caller() caller: Caller,
  ) {
    return this.queries.clients(caller.tenantId, filter, list);
  }
}
