import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { ListArgs } from '../../shared/graphql/list.types';
import { quoteCommands } from '../application/quote.commands';
import { OrdersQueries } from '../application/orders.queries';
import { DraftQuoteInput, Quote, QuoteFilter, QuoteList, ReviseQuoteInput } from './orders.types';

@Resolver(() => Quote)
export class QuoteResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly queries: OrdersQueries,
  ) {}

  @Query(() => Quote, { nullable: true, description: 'A quote of your tenant, or null' })
  quote(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.quote(caller.tenantId, id);
  }

  @Query(() => QuoteList, { description: 'Sorts on status, validUntil, total, createdAt, updatedAt' })
  quotes(@Args() list: ListArgs, @Args('filter', { type: () => QuoteFilter, nullable: true }) filter: QuoteFilter | undefined, @Caller() caller: Caller) {
    return this.queries.quotes(caller.tenantId, filter, list);
  }

  @Allow(...quoteCommands.draftQuote.roles)
  @Mutation(() => Quote, { description: "A DRAFT quote for a client, in your tenant's currency" })
  draftQuote(@Args('input') input: DraftQuoteInput, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.draftQuote, input, caller);
  }

  @Allow(...quoteCommands.reviseQuote.roles)
  @Mutation(() => Quote, { description: 'A new revision of a DRAFT or SENT quote, lines replaced; it is a DRAFT again' })
  reviseQuote(@Args('id', { type: () => ID }) id: string, @Args('input') input: ReviseQuoteInput, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.reviseQuote, { quoteId: id, ...input }, caller);
  }

  @Allow(...quoteCommands.sendQuote.roles)
  @Mutation(() => Quote, { description: 'DRAFT -> SENT' })
  sendQuote(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.sendQuote, { quoteId: id }, caller);
  }

  @Allow(...quoteCommands.acceptQuote.roles)
  @Mutation(() => Quote, { description: 'SENT -> ACCEPTED, while still valid' })
  acceptQuote(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.acceptQuote, { quoteId: id }, caller);
  }

  @Allow(...quoteCommands.rejectQuote.roles)
  @Mutation(() => Quote, { description: 'SENT -> REJECTED, with the reason' })
  rejectQuote(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.rejectQuote, { quoteId: id, reason }, caller);
  }
}
