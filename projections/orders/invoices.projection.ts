import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { InvoiceEvent } from '../../src/orders/domain/invoice.events';
import { invoiceEvents } from '../../src/orders/domain/orders.events';

export interface InvoicePaymentEntry {
  paymentId: string;
  amount: number;
  method: string;
  reference: string;
  receivedOn: string;
}

export interface InvoiceCreditNoteEntry {
  creditNoteId: string;
  amount: number;
  net: number;
  tax: number;
  reason: string;
  issuedOn: string;
}

/** One row per invoice. Money in minor units of `currency`; dates 'YYYY-MM-DD'. */
export interface InvoiceRow {
  id: string;
  tenant_id: string;
  number: string;
  order_id: string;
  client_id: string;
  currency: string;
  status: string;
  net: string;
  tax: string;
  total: string;
  amount_paid: string;
  credited: string;
  balance_due: string;
  issued_on: string;
  due_on: string;
  sent_on: string | null;
  paid_on: string | null;
  voided_on: string | null;
  /** The business date the overdue detector marked it overdue on (InvoiceFellOverdue). */
  overdue_on: string | null;
  void_reason: string | null;
  payments: InvoicePaymentEntry[];
  credit_notes: InvoiceCreditNoteEntry[];
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

const sum = (...values: (string | number)[]) => values.reduce<bigint>((total, value) => total + BigInt(value), 0n).toString();

/** Mirrors the decider's status rule: settled at a zero balance, else partly paid once money came in. */
const statusAfterMoney = (row: InvoiceRow): string =>
  BigInt(row.balance_due) === 0n ? 'PAID' : BigInt(row.amount_paid) > 0n ? 'PARTIALLY_PAID' : row.sent_on ? 'SENT' : 'ISSUED';

export const applyInvoiceEvent = (row: InvoiceRow | null, event: Recorded<InvoiceEvent>): InvoiceRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  if (event.type === 'InvoiceIssued') {
    const d = event.data;
    return {
      id: d.invoiceId,
      tenant_id: event.metadata.tenantId,
      number: d.number,
      order_id: d.orderId,
      client_id: d.clientId,
      currency: d.currency,
      status: 'ISSUED',
      net: String(d.net),
      tax: String(d.tax),
      total: String(d.total),
      amount_paid: '0',
      credited: '0',
      balance_due: String(d.total),
      issued_on: d.issuedOn,
      due_on: d.dueOn,
      sent_on: null,
      paid_on: null,
      voided_on: null,
      overdue_on: null,
      void_reason: null,
      payments: [],
      credit_notes: [],
      created_at: event.recordedAt,
      ...touched,
    };
  }
  if (!row) return null; // an event for an invoice this model never saw issued: nothing to show
  switch (event.type) {
    case 'InvoiceSent':
      return { ...row, sent_on: event.data.sentOn, status: row.status === 'ISSUED' ? 'SENT' : row.status, ...touched };
    case 'PaymentRecorded': {
      const { paymentId, amount, method, reference, receivedOn } = event.data;
      const next = {
        ...row,
        amount_paid: sum(row.amount_paid, amount),
        balance_due: sum(row.balance_due, -amount),
        payments: [...row.payments, { paymentId, amount, method, reference, receivedOn }],
        ...touched,
      };
      return { ...next, status: statusAfterMoney(next) };
    }
    case 'CreditNoteIssued': {
      const { creditNoteId, amount, net, tax, reason, issuedOn } = event.data;
      const next = {
        ...row,
        credited: sum(row.credited, amount),
        balance_due: sum(row.balance_due, -amount),
        credit_notes: [...row.credit_notes, { creditNoteId, amount, net, tax, reason, issuedOn }],
        ...touched,
      };
      return { ...next, status: statusAfterMoney(next) };
    }
    case 'InvoiceFullyPaid':
      return { ...row, status: 'PAID', paid_on: event.data.paidOn, ...touched };
    case 'InvoiceVoided':
      return { ...row, status: 'VOID', voided_on: event.data.voidedOn, void_reason: event.data.reason, ...touched };
    case 'InvoiceFellOverdue':
      return { ...row, overdue_on: event.data.overdueOn, ...touched };
  }
};

export const invoicesProjection = rowProjection({
  name: 'orders.invoices',
  table: 'orders_invoices',
  handles: invoiceEvents.types,
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    number: 'text',
    order_id: 'uuid',
    client_id: 'uuid',
    currency: 'text',
    status: 'text',
    net: 'bigint',
    tax: 'bigint',
    total: 'bigint',
    amount_paid: 'bigint',
    credited: 'bigint',
    balance_due: 'bigint',
    issued_on: 'text',
    due_on: 'text',
    sent_on: 'text',
    paid_on: 'text',
    voided_on: 'text',
    overdue_on: 'text',
    void_reason: 'text',
    payments: 'jsonb',
    credit_notes: 'jsonb',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  events: invoiceEvents,
  key: (event) => event.data.invoiceId,
  apply: applyInvoiceEvent,
});
