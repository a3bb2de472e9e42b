import { commandsFor } from '../../shared/command/command-declaration';
import { ACCOUNTANTS } from '../../shared/command/command-roles';
import { invoiceDecider } from '../domain/invoice';
import { invoiceStream } from '../domain/invoice.events';
import { InvoiceQueries } from './invoice.queries';

export const INVOICES_PROJECTION = 'orders.invoices';

export interface RecordPaymentRequest {
  invoiceId: string;
  amount: string;
  method: string;
  reference: string;
  receivedOn?: string | null;
}
export interface IssueCreditNoteRequest {
  invoiceId: string;
  amount: string;
  reason: string;
}

/** Invoices are issued by the invoicing process manager; people send, collect, credit and void them. */
export const invoiceCommands = commandsFor(
  invoiceDecider,
  {
    entity: 'invoice',
    stream: invoiceStream,
    // Overdue is judged on the command's own date.
    answer: { queries: InvoiceQueries, readModels: [INVOICES_PROJECTION], read: (q, tenantId, id, _input, env) => q.invoice(tenantId, id, env.today) },
  },
  ({ command }) => ({
    sendInvoice: command({
      roles: ACCOUNTANTS,
      id: (input: { invoiceId: string }) => input.invoiceId,
      command: ({ invoiceId }, _id, env) => ({ type: 'SendInvoice', invoiceId, today: env.today }),
    }),
    recordPayment: command({
      roles: ACCOUNTANTS,
      id: (input: RecordPaymentRequest) => input.invoiceId,
      command: (input, invoiceId, env) => ({
        type: 'RecordPayment',
        invoiceId,
        paymentId: env.createdId('payment'),
        amount: input.amount,
        method: input.method,
        reference: input.reference,
        receivedOn: input.receivedOn ?? env.today,
        today: env.today,
      }),
    }),
    issueCreditNote: command({
      roles: ACCOUNTANTS,
      id: (input: IssueCreditNoteRequest) => input.invoiceId,
      command: (input, invoiceId, env) => ({
        type: 'IssueCreditNote',
        invoiceId,
        creditNoteId: env.createdId('credit-note'),
        amount: input.amount,
        reason: input.reason,
        today: env.today,
      }),
    }),
    voidInvoice: command({
      roles: ACCOUNTANTS,
      id: (input: { invoiceId: string; reason: string }) => input.invoiceId,
      command: ({ invoiceId, reason }, _id, env) => ({ type: 'VoidInvoice', invoiceId, reason, today: env.today }),
    }),
  }),
);
