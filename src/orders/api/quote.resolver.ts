import { Args, ID, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { RecordResolver } from '../../shared/graphql/record.resolver';
import { quoteCommands } from '../application/quote.commands';
import { OrdersQueries } from '../application/orders.queries';
import { DraftQuoteInput, Quote, QuoteFilter, QuoteList, ReviseQuoteInput } from './orders.types';

@Resolver(() => Quote)
export class QuoteResolver extends RecordResolver(OrdersQueries, {
  one: { name: 'quote', type: Quote, description: 'A quote of your tenant, or null', read: (queries, tenantId, id) => queries.quote(tenantId, id) },
  list: {
    name: 'quotes',
    type: QuoteList,
    filter: QuoteFilter,
    description: 'Sorts on status, validUntil, total, createdAt, updatedAt',
    read: (queries, tenantId, filter, list) => queries.quotes(tenantId, filter, list),
  },
}) {
  @CommandMutation(quoteCommands.draftQuote, () => Quote, { description: "A DRAFT quote for a client, in your tenant's currency" })
  draftQuote(@Args('input') input: DraftQuoteInput, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.draftQuote, input, caller);
  }

  @CommandMutation(quoteCommands.reviseQuote, () => Quote, { description: 'A new revision of a DRAFT or SENT quote, lines replaced; it is a DRAFT again' })
  reviseQuote(@Args('id', { type: () => ID }) id: string, @Args('input') input: ReviseQuoteInput, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.reviseQuote, { quoteId: id, ...input }, caller);
  }

  @CommandMutation(quoteCommands.sendQuote, () => Quote, { description: 'DRAFT -> SENT' })
  sendQuote(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.sendQuote, { quoteId: id }, caller);
  }

  @CommandMutation(quoteCommands.acceptQuote, () => Quote, { description: 'SENT -> ACCEPTED, while still valid' })
  acceptQuote(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.acceptQuote, { quoteId: id }, caller);
  }

  @CommandMutation(quoteCommands.rejectQuote, () => Quote, { description: 'SENT -> REJECTED, with the reason' })
  rejectQuote(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(quoteCommands.rejectQuote, { quoteId: id, reason }, caller);
  }
}
