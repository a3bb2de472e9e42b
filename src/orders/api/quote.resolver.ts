import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Allow, Caller } from '../../shared/auth/caller';
import { ListArgs } from '../../shared/graphql/list.types';
import { AcceptQuoteCommand, DraftQuoteCommand, RejectQuoteCommand, ReviseQuoteCommand, SendQuoteCommand } from '../application/orders.commands';
import { OrdersQueries } from '../application/orders.queries';
import { DraftQuoteInput, Quote, QuoteFilter, QuoteList, ReviseQuoteInput } from './orders.types';

@Resolver(() => Quote)
export class QuoteResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: OrdersQueries,
  ) {}

  @Query(() => Quote, { nullable: true, description: 'A quote of your tenant, or null' })
  quote(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.quote(caller.tenantId, id);
  }

  @Query(() => QuoteList, { description: 'Sorts on status, validUntil, total, createdAt, updatedAt' })
  quotes(
    @Args() list: ListArgs,
    @Args('filter', { type: () => QuoteFilter, nullable: true }) filter: QuoteFilter | undefined,
    @Caller() caller: Caller,
  ) {
    return this.queries.quotes(caller.tenantId, filter, list);
  }

  @Allow('admin', 'sales')
  @Mutation(() => Quote, { description: "A DRAFT quote for a client, in your tenant's currency" })
  draftQuote(@Args('input') input: DraftQuoteInput, @Caller() caller: Caller) {
    return this.commands.execute(new DraftQuoteCommand(input, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Quote, { description: 'A new revision of a DRAFT or SENT quote, lines replaced; it is a DRAFT again' })
  reviseQuote(@Args('id', { type: () => ID }) id: string, @Args('input') input: ReviseQuoteInput, @Caller() caller: Caller) {
    return this.commands.execute(new ReviseQuoteCommand(id, input, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Quote, { description: 'DRAFT -> SENT' })
  sendQuote(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(new SendQuoteCommand(id, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Quote, { description: 'SENT -> ACCEPTED, while still valid' })
  acceptQuote(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(new AcceptQuoteCommand(id, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Quote, { description: 'SENT -> REJECTED, with the reason' })
  rejectQuote(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(new RejectQuoteCommand(id, reason, caller));
  }
}
