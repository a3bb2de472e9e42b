import { OrderLine } from './order.events';

/** Quote events as stored (see crm/domain/lead.events.ts on naming). Money in minor units of `currency`. */
export type QuoteLine = OrderLine;

export type QuoteDrafted = {
  type: 'QuoteDrafted';
  data: {
    quoteId: string;
    clientId: string;
    currency: string;
    validUntil: string | null;
    revision: number;
    lines: QuoteLine[];
    net: number;
    tax: number;
    total: number;
  };
};
/** A new revision: the lines are replaced, and a revised quote is a DRAFT again until sent. */
export type QuoteRevised = {
  type: 'QuoteRevised';
  data: { quoteId: string; validUntil: string | null; revision: number; lines: QuoteLine[]; net: number; tax: number; total: number };
};
export type QuoteSent = { type: 'QuoteSent'; data: { quoteId: string; revision: number; sentOn: string } };
export type QuoteAccepted = { type: 'QuoteAccepted'; data: { quoteId: string; revision: number; acceptedOn: string } };
export type QuoteRejected = { type: 'QuoteRejected'; data: { quoteId: string; reason: string } };
export type QuoteExpired = { type: 'QuoteExpired'; data: { quoteId: string; validUntil: string } };

export type QuoteEvent = QuoteDrafted | QuoteRevised | QuoteSent | QuoteAccepted | QuoteRejected | QuoteExpired;

export const quoteStream = (quoteId: string) => `quote-${quoteId}`;
