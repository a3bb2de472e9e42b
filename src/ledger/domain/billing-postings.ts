import { deterministicId } from '../../shared/domain/ids';
import { BillingEvent } from '../../orders/public/billing.events';
import { ACCOUNTS_RECEIVABLE, CASH, SALES_REVENUE, SALES_TAX_PAYABLE } from './chart';
import { addDays } from './dates';
import { EntrySource, JournalLine } from './journal-entry.events';
import { cr, dr, reversalIdFor } from './journal-entry';

/**
 * What the ledger posts for a billing event: pure, so the process manager is a thin shell. Entry
 * ids derive from the source (one issue posting per invoice, one per payment or credit note), so
 * a redelivered event finds its entry already there.
 */
export type PlannedPosting =
  | { kind: 'post'; entryId: string; date: string; memo: string; currency: string; lines: JournalLine[]; source: EntrySource }
  | { kind: 'reverse'; entryId: string; reversalEntryId: string; date: string; reason: string; source: EntrySource; notBeforeEntry: true };

export const invoiceIssueEntryId = (tenantId: string, invoiceId: string) => deterministicId(tenantId, 'ledger-posting', 'invoice-issued', invoiceId);
export const paymentEntryId = (tenantId: string, paymentId: string) => deterministicId(tenantId, 'ledger-posting', 'payment', paymentId);
export const creditNoteEntryId = (tenantId: string, creditNoteId: string) => deterministicId(tenantId, 'ledger-posting', 'credit-note', creditNoteId);

const nonZero = (lines: JournalLine[]) => lines.filter((line) => line.debit !== 0 || line.credit !== 0);

/** A date in a locked period moves to the first open day, and the memo says so: never lost. */
export const openDate = (date: string, lockedThrough: string | null): { date: string; note: string } =>
  lockedThrough && date <= lockedThrough
    ? { date: addDays(lockedThrough, 1), note: ` (dated ${date}, in the period locked through ${lockedThrough}: posted on the first open day)` }
    : { date, note: '' };

export const planPosting = (tenantId: string, event: BillingEvent, eventId: string, lockedThrough: string | null): PlannedPosting | null => {
  switch (event.type) {
    case 'InvoiceIssued': {
      const { invoiceId, number, currency, issuedOn, net, tax, total } = event.data;
      const lines = nonZero([dr(ACCOUNTS_RECEIVABLE, total), cr(SALES_REVENUE, net), cr(SALES_TAX_PAYABLE, tax)]);
      if (lines.length < 2) return null; // a zero invoice moves no money
      const { date, note } = openDate(issuedOn, lockedThrough);
      return {
        kind: 'post',
        entryId: invoiceIssueEntryId(tenantId, invoiceId),
        date,
        memo: `Invoice ${number} issued${note}`,
        currency,
        lines,
        source: { type: event.type, id: invoiceId, eventId },
      };
    }
    case 'PaymentRecorded': {
      const { invoiceId, paymentId, currency, amount, method, reference, receivedOn } = event.data;
      if (amount === 0) return null;
      const { date, note } = openDate(receivedOn, lockedThrough);
      return {
        kind: 'post',
        entryId: paymentEntryId(tenantId, paymentId),
        date,
        memo: `Payment ${reference} (${method}) on invoice ${invoiceId}${note}`,
        currency,
        lines: [dr(CASH, amount), cr(ACCOUNTS_RECEIVABLE, amount)],
        source: { type: event.type, id: paymentId, eventId },
      };
    }
    case 'CreditNoteIssued': {
      const { invoiceId, creditNoteId, currency, amount, net, tax, reason, issuedOn } = event.data;
      const lines = nonZero([dr(SALES_REVENUE, net), dr(SALES_TAX_PAYABLE, tax), cr(ACCOUNTS_RECEIVABLE, amount)]);
      if (lines.length < 2) return null;
      const { date, note } = openDate(issuedOn, lockedThrough);
      return {
        kind: 'post',
        entryId: creditNoteEntryId(tenantId, creditNoteId),
        date,
        memo: `Credit note on invoice ${invoiceId}: ${reason}${note}`,
        currency,
        lines,
        source: { type: event.type, id: creditNoteId, eventId },
      };
    }
    case 'InvoiceVoided': {
      const { invoiceId, reason, voidedOn } = event.data;
      const entryId = invoiceIssueEntryId(tenantId, invoiceId);
      const { date, note } = openDate(voidedOn, lockedThrough);
      return {
        kind: 'reverse',
        entryId,
        reversalEntryId: reversalIdFor(entryId),
        date,
        reason: `invoice voided: ${reason}${note}`,
        notBeforeEntry: true,
        source: { type: event.type, id: invoiceId, eventId },
      };
    }
    default:
      return null;
  }
};
