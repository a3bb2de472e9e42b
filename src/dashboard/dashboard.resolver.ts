import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Caller } from '../shared/auth/caller';
import { DashboardQueries } from './dashboard.queries';
import { AssignableOwner, DashboardTaskList, QuotesAwaitingAnswer, RevenueByMonth } from './dashboard.types';

const clamp = (value: number | undefined, min: number, max: number, fallback: number) => Math.min(Math.max(Math.trunc(value ?? fallback), min), max);

/** The home page's panels, each a query of its own (a role's dashboard asks only for its panels). */
@Resolver()
export class DashboardResolver {
  constructor(private readonly queries: DashboardQueries) {}

  @Query(() => DashboardTaskList, { description: 'Your open tasks (logged by you, or on a lead or client you own), overdue first' })
  myTasks(
    @Args('page', { type: () => Int, nullable: true, defaultValue: 1 }) page: number,
    @Args('perPage', { type: () => Int, nullable: true, defaultValue: 25, description: '1 to 500' }) perPage: number,
    @Caller() caller: Caller,
  ) {
    return this.queries.myTasks(caller.tenantId, caller.userId, clamp(page, 1, 1_000_000, 1), clamp(perPage, 1, 500, 25));
  }

  @Query(() => QuotesAwaitingAnswer, { description: 'SENT quotes waiting for the client: how many, their total, the oldest ones' })
  quotesAwaitingAnswer(@Args('limit', { type: () => Int, nullable: true, defaultValue: 5, description: '0 to 100' }) limit: number, @Caller() caller: Caller) {
    return this.queries.quotesAwaitingAnswer(caller.tenantId, clamp(limit, 0, 100, 5));
  }

  @Query(() => RevenueByMonth, { description: 'Invoiced and collected per month, over the last `months` months (1 to 36) up to this one' })
  revenueByMonth(@Args('months', { type: () => Int, nullable: true, defaultValue: 12 }) months: number, @Caller() caller: Caller) {
    return this.queries.revenueByMonth(caller.tenantId, clamp(months, 1, 36, 12));
  }

  @Query(() => [AssignableOwner], { description: 'The users who may own leads and clients (admins and sales), for an owner picker' })
  assignableOwners(@Caller() caller: Caller) {
    return this.queries.assignableOwners(caller.tenantId);
  }
}
