import { assertNever, recordDecider } from '../../shared/domain/decider';
import { Existing, existing } from '../../shared/domain/guards';
import { LineInput, Totals, priceLines } from './lines';
import { OrdersError, OrdersErrorCode } from './orders.error';
import { QuoteEvent, QuoteLine } from './quote.events';
import { quoteEvents } from './orders.events';

export type QuoteStatus = 'DRAFT' | 'SENT' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED';

/** `today` is the business date ('YYYY-MM-DD') the command runs on; dates compare as strings. */
export type DraftQuote = {
  type: 'DraftQuote';
  quoteId: string;
  clientId: string;
  currency: string;
  validUntil?: string | null;
  lines: LineInput[];
  today: string;
};
export type ReviseQuote = { type: 'ReviseQuote'; quoteId: string; validUntil?: string | null; lines: LineInput[]; today: string };
export type SendQuote = { type: 'SendQuote'; quoteId: string; today: string };
export type AcceptQuote = { type: 'AcceptQuote'; quoteId: string; today: string };
export type RejectQuote = { type: 'RejectQuote'; quoteId: string; reason: string };
/** Sent by the expiry job: a no-op unless the quote is still open and past its date. */
export type ExpireQuote = { type: 'ExpireQuote'; quoteId: string; today: string };
export type QuoteCommand = DraftQuote | ReviseQuote | SendQuote | AcceptQuote | RejectQuote | ExpireQuote;

export type Quote =
  | { status: 'NONE' }
  | ({ status: QuoteStatus; id: string; clientId: string; currency: string; validUntil: string | null; revision: number; lines: QuoteLine[] } & Totals);

type ExistingQuote = Existing<Quote>;

const isPast = (validUntil: string | null, today: string) => validUntil !== null && validUntil < today;

const refuseExpired = (quote: ExistingQuote, today: string) => {
  if (quote.status === 'EXPIRED' || (isPast(quote.validUntil, today) && (quote.status === 'DRAFT' || quote.status === 'SENT')))
    throw new OrdersError(
      OrdersErrorCode.QuoteExpired,
      `This quote expired: it was valid until ${quote.validUntil}; revise it with a new date or draft a new one`,
    );
};

const checkValidUntil = (validUntil: string | null, today: string) => {
  if (isPast(validUntil, today))
    throw new OrdersError(OrdersErrorCode.ValidUntilInPast, `validUntil ${validUntil} is before today (${today}); give today or a later date`);
};

export const decide = (command: QuoteCommand, state: Quote): QuoteEvent[] => {
  switch (command.type) {
    case 'DraftQuote': {
      if (state.status !== 'NONE') throw new OrdersError(OrdersErrorCode.QuoteAlreadyExists, `Quote ${command.quoteId} already exists`);
      const validUntil = command.validUntil ?? null;
      checkValidUntil(validUntil, command.today);
      const priced = priceLines(command.lines, command.currency);
      const { quoteId, clientId, currency } = command;
      return [{ type: 'QuoteDrafted', data: { quoteId, clientId, currency, validUntil, revision: 1, ...priced } }];
    }
    case 'ReviseQuote': {
      const quote = existing(state, 'quote', command.quoteId);
      OrdersError.requireStatus(quote, ['DRAFT', 'SENT'], OrdersErrorCode.QuoteNotEditable, 'quote', 'revised');
      // A revision may rescue a quote past its date by giving a new one; otherwise it keeps its date.
      const validUntil = command.validUntil === undefined ? quote.validUntil : command.validUntil;
      if (command.validUntil === undefined) refuseExpired(quote, command.today);
      else checkValidUntil(validUntil, command.today);
      const priced = priceLines(command.lines, quote.currency);
      return [{ type: 'QuoteRevised', data: { quoteId: quote.id, validUntil, revision: quote.revision + 1, ...priced } }];
    }
    case 'SendQuote': {
      const quote = existing(state, 'quote', command.quoteId);
      refuseExpired(quote, command.today);
      OrdersError.requireStatus(quote, ['DRAFT'], OrdersErrorCode.QuoteNotDraft, 'quote', 'sent');
      return [{ type: 'QuoteSent', data: { quoteId: quote.id, revision: quote.revision, sentOn: command.today } }];
    }
    case 'AcceptQuote': {
      const quote = existing(state, 'quote', command.quoteId);
      refuseExpired(quote, command.today);
      OrdersError.requireStatus(quote, ['SENT'], OrdersErrorCode.QuoteNotSent, 'quote', 'accepted');
      return [{ type: 'QuoteAccepted', data: { quoteId: quote.id, revision: quote.revision, acceptedOn: command.today } }];
    }
    case 'RejectQuote': {
      const quote = existing(state, 'quote', command.quoteId);
      OrdersError.requireStatus(quote, ['SENT'], OrdersErrorCode.QuoteNotSent, 'quote', 'rejected');
      const reason = OrdersError.requiredText(command.reason, OrdersErrorCode.ReasonRequired, 'Say why the client rejected the quote');
      return [{ type: 'QuoteRejected', data: { quoteId: quote.id, reason } }];
    }
    case 'ExpireQuote': {
      if (state.status !== 'DRAFT' && state.status !== 'SENT') return [];
      if (state.validUntil === null || !isPast(state.validUntil, command.today)) return [];
      return [{ type: 'QuoteExpired', data: { quoteId: state.id, validUntil: state.validUntil } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (state: Quote, event: QuoteEvent): Quote => {
  if (event.type === 'QuoteDrafted') {
    const { quoteId, clientId, currency, validUntil, revision, lines, net, tax, total } = event.data;
    return { status: 'DRAFT', id: quoteId, clientId, currency, validUntil, revision, lines, net, tax, total };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'QuoteRevised': {
      const { validUntil, revision, lines, net, tax, total } = event.data;
      return { ...state, status: 'DRAFT', validUntil, revision, lines, net, tax, total };
    }
    case 'QuoteSent':
      return { ...state, status: 'SENT' };
    case 'QuoteAccepted':
      return { ...state, status: 'ACCEPTED' };
    case 'QuoteRejected':
      return { ...state, status: 'REJECTED' };
    case 'QuoteExpired':
      return { ...state, status: 'EXPIRED' };
    default:
      return assertNever(event);
  }
};

export const quoteDecider = recordDecider<Quote, QuoteCommand, QuoteEvent>({ events: quoteEvents, decide, evolve });
