import { commandsFor } from '../../shared/command/command-declaration';
import { ACCOUNTANTS } from '../../shared/command/command-roles';
import { invoiceDecider, IssueCreditNote, RecordPayment } from '../domain/invoice';
import { invoiceStream } from '../domain/invoice.events';
import { InvoiceQueries } from './invoice.queries';

export const INVOICES_PROJECTION = 'orders.invoices';

/** Received today unless the payment says when. */
export type RecordPaymentRequest = Omit<RecordPayment, 'type' | 'paymentId' | 'receivedOn' | 'today'> & { receivedOn?: string | null };
export type IssueCreditNoteRequest = Omit<IssueCreditNote, 'type' | 'creditNoteId' | 'today'>;

type InvoiceInput = { invoiceId: string };

/** Invoices are issued by the invoicing process manager; people send, collect, credit and void them. */
export const invoiceCommands = commandsFor(
  invoiceDecider,
  {
    entity: 'invoice',
    roles: ACCOUNTANTS,
    stream: invoiceStream,
    // Overdue is judged on the command's own date.
    answer: { queries: InvoiceQueries, readModels: [INVOICES_PROJECTION], read: (q, tenantId, id, _input, env) => q.invoice(tenantId, id, env.today) },
  },
  ({ command }) => ({
    sendInvoice: command<InvoiceInput>({
      id: 'invoiceId',
      command: (input, _id, env) => ({ type: 'SendInvoice', ...input, today: env.today }),
      probe: (invoice) => ({ invoiceId: invoice.id }),
    }),
    recordPayment: command<RecordPaymentRequest>({
      id: 'invoiceId',
      command: (input, _id, env) => ({
        type: 'RecordPayment',
        ...input,
        paymentId: env.createdId('payment'),
        receivedOn: input.receivedOn ?? env.today,
        today: env.today,
      }),
      // The balance due: offered while anything is due (in the invoice's own currency's digits).
      probe: (invoice) => ({ invoiceId: invoice.id, amount: String(invoice.balanceDue), method: 'BANK_TRANSFER', reference: 'probe' }),
    }),
    issueCreditNote: command<IssueCreditNoteRequest>({
      id: 'invoiceId',
      command: (input, _id, env) => ({ type: 'IssueCreditNote', ...input, creditNoteId: env.createdId('credit-note'), today: env.today }),
      probe: (invoice) => ({ invoiceId: invoice.id, amount: String(invoice.balanceDue), reason: 'probe' }),
    }),
    voidInvoice: command<InvoiceInput & { reason: string }>({
      id: 'invoiceId',
      command: (input, _id, env) => ({ type: 'VoidInvoice', ...input, today: env.today }),
      probe: (invoice) => ({ invoiceId: invoice.id, reason: 'probe' }),
    }),
  }),
);
