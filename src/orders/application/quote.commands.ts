import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
import { ProbeRecord } from '../../shared/command/command-spec';
import { SELLERS } from '../../shared/command/command-roles';
import { quoteDecider } from '../domain/quote';
import { quoteStream } from '../domain/quote.events';
import { OrdersQueries } from './orders.queries';
import { QUOTES, tenantCurrency } from './orders.commands';
import { checkQuotableClient, QuoteLineRequest, resolveLines } from './quote-lines';

export interface DraftQuoteRequest {
  clientId: string;
  validUntil?: string | null;
  lines: QuoteLineRequest[];
}

/** A quote's lines as a revision would give them again (as free text: the probe reads no product). */
const quoteLinesOf = (quote: ProbeRecord): QuoteLineRequest[] =>
  ((quote.lines ?? []) as QuoteLineRequest[]).map(({ description, quantity, unitPrice, taxRate }) => ({ description, quantity, unitPrice, taxRate }));

export const quoteCommands = commandsFor(
  quoteDecider,
  { entity: 'quote', roles: SELLERS, stream: quoteStream, answer: answerWithRow(OrdersQueries, 'quote', QUOTES) },
  ({ command }) => ({
    draftQuote: command({
      creates: 'quote',
      command: async (input: DraftQuoteRequest, quoteId: string, env) => {
        await checkQuotableClient(env, input.clientId);
        const lines = await resolveLines(env, input.lines);
        const currency = await tenantCurrency(env);
        return { type: 'DraftQuote', quoteId, clientId: input.clientId, currency, validUntil: input.validUntil ?? null, lines, today: env.today };
      },
    }),
    /** Leaving validUntil out keeps the quote's; null clears it. */
    reviseQuote: command<{ quoteId: string; validUntil?: string | null; lines: QuoteLineRequest[] }>({
      id: 'quoteId',
      command: async (input, quoteId, env) => ({
        type: 'ReviseQuote',
        quoteId,
        lines: await resolveLines(env, input.lines),
        ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
        today: env.today,
      }),
      // Revising keeps the lines as they are: only the status decides.
      probe: (quote) => ({ quoteId: quote.id, lines: quoteLinesOf(quote), validUntil: null }),
    }),
    sendQuote: command<{ quoteId: string }>({
      id: 'quoteId',
      command: (input, _id, env) => ({ type: 'SendQuote', ...input, today: env.today }),
      probe: (quote) => ({ quoteId: quote.id }),
    }),
    acceptQuote: command<{ quoteId: string }>({
      id: 'quoteId',
      command: (input, _id, env) => ({ type: 'AcceptQuote', ...input, today: env.today }),
      probe: (quote) => ({ quoteId: quote.id }),
    }),
    rejectQuote: command({
      id: 'quoteId',
      command: (input: { quoteId: string; reason: string }) => ({ type: 'RejectQuote', ...input }),
      probe: (quote) => ({ quoteId: quote.id, reason: 'probe' }),
    }),
  }),
);
