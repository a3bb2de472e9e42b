import { CreditNoteIssued, InvoiceIssued, InvoiceVoided, PaymentRecorded } from '../public/billing.events';

/**
 * Invoice events as stored (see crm/domain/lead.events.ts on naming). The four billing events are
 * the public contract in ../public/billing.events.ts, stored under the same names; the others stay
 * inside the orders context. Money is integer minor units; dates are 'YYYY-MM-DD'.
 */
export type { CreditNoteIssued, InvoiceIssued, InvoiceVoided, PaymentRecorded };

/** Sent to the client (again, possibly: a resend is recorded too). */
export type InvoiceSent = { type: 'InvoiceSent'; data: { invoiceId: string; sentOn: string } };

/** Derived: the balance reached zero through payments and credit notes. The order closes on it. */
export type InvoiceFullyPaid = { type: 'InvoiceFullyPaid'; data: { invoiceId: string; orderId: string; paidOn: string } };

/**
 * The business date passed the due date while a balance was still due: appended once per invoice,
 * by the overdue detector (src/orders/application/invoice-overdue.job.ts). `amountDue` in minor units.
 */
export type InvoiceFellOverdue = { type: 'InvoiceFellOverdue'; data: { invoiceId: string; dueOn: string; overdueOn: string; amountDue: number } };

export type InvoiceEvent = InvoiceIssued | InvoiceSent | PaymentRecorded | CreditNoteIssued | InvoiceFullyPaid | InvoiceVoided | InvoiceFellOverdue;

export const invoiceStream = (invoiceId: string) => `invoice-${invoiceId}`;

/**
 * The per-tenant counter that hands out invoice numbers. Each event records which invoice (and
 * order) got which number, so a retry after a crash finds the number it already took.
 */
export type InvoiceNumberAssigned = {
  type: 'InvoiceNumberAssigned';
  data: { invoiceId: string; orderId: string; year: number; sequence: number; number: string };
};

export const invoiceCounterStream = (tenantId: string) => `invoice_counter-${tenantId}`;
