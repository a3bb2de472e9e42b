import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
import { SELLERS } from '../../shared/command/command-roles';
import { quoteDecider } from '../domain/quote';
import { quoteStream } from '../domain/quote.events';
import { OrdersQueries } from './orders.queries';
import { QUOTES, TenantCurrency } from './orders.commands';
import { checkQuotableClient, QuoteLineRequest, resolveLines } from './quote-lines';

export interface DraftQuoteRequest {
  clientId: string;
  validUntil?: string | null;
  lines: QuoteLineRequest[];
}

export const quoteCommands = commandsFor(
  quoteDecider,
  { entity: 'quote', roles: SELLERS, stream: quoteStream, answer: answerWithRow(OrdersQueries, 'quote', QUOTES) },
  ({ command }) => ({
    draftQuote: command({
      creates: 'quote',
      command: async (input: DraftQuoteRequest, quoteId: string, env) => {
        await checkQuotableClient(env, input.clientId);
        const lines = await resolveLines(env, input.lines);
        const currency = await env.get(TenantCurrency).of(env.tenantId);
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
    }),
    sendQuote: command<{ quoteId: string }>({ id: 'quoteId', command: (input, _id, env) => ({ type: 'SendQuote', ...input, today: env.today }) }),
    acceptQuote: command<{ quoteId: string }>({ id: 'quoteId', command: (input, _id, env) => ({ type: 'AcceptQuote', ...input, today: env.today }) }),
    rejectQuote: command({ id: 'quoteId', command: (input: { quoteId: string; reason: string }) => ({ type: 'RejectQuote', ...input }) }),
  }),
);
