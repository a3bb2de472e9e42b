import { Decider } from '../../shared/domain/decider';
import { InvoiceNumberAssigned } from './invoice.events';
import { invoiceCounterEvents } from './orders.events';

/** INV-2026-000001: the year, then a sequence per tenant and year with no gaps. */
export const formatInvoiceNumber = (year: number, sequence: number) => `INV-${year}-${String(sequence).padStart(6, '0')}`;

export type AssignInvoiceNumber = { type: 'AssignInvoiceNumber'; invoiceId: string; orderId: string; year: number };

/**
 * The counter, folded from the newest events of its stream: the last number handed out and the
 * invoices that recently got one. The invoicing process manager is the only writer and finishes
 * one invoice before the next, so a retry's own assignment is always among the newest events.
 */
export type InvoiceCounter = { last: { year: number; sequence: number } | null; assigned: Record<string, string> };

export const decide = (command: AssignInvoiceNumber, state: InvoiceCounter): InvoiceNumberAssigned[] => {
  // A retry after a crash: the number this invoice already took, never a new one.
  if (state.assigned[command.invoiceId]) return [];
  const last = state.last;
  // Numbers never go back a year: a late delivery dated last year still continues this year's sequence.
  const year = last && last.year > command.year ? last.year : command.year;
  const sequence = last && last.year === year ? last.sequence + 1 : 1;
  return [
    {
      type: 'InvoiceNumberAssigned',
      data: { invoiceId: command.invoiceId, orderId: command.orderId, year, sequence, number: formatInvoiceNumber(year, sequence) },
    },
  ];
};

export const evolve = (state: InvoiceCounter, event: InvoiceNumberAssigned): InvoiceCounter => {
  const { invoiceId, year, sequence, number } = event.data;
  return { last: { year, sequence }, assigned: { ...state.assigned, [invoiceId]: number } };
};

export const invoiceCounterDecider: Decider<InvoiceCounter, AssignInvoiceNumber, InvoiceNumberAssigned> = {
  events: invoiceCounterEvents,
  initialState: () => ({ last: null, assigned: {} }),
  decide,
  evolve,
};

/** Invoices are due after the tenant's payment terms: `issuedOn` + `days`, in calendar days. */
export const dueDate = (issuedOn: string, days: number): string => {
  const date = new Date(`${issuedOn}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
