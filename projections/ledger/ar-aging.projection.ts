import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { BillingEvent } from '../../src/orders/public/billing.events';
import { billingEvents } from '../../src/orders/public/published.events';
import { daysBetween } from '../../src/ledger/domain/dates';

/** A payment (PAYMENT) or credit note (CREDIT) that lowered what the client owes, on a date. */
export interface ArMovement {
  id: string;
  kind: 'PAYMENT' | 'CREDIT';
  on: string;
  amount: number;
}

/** One row per invoice: enough to age it as of any date. */
export interface ArInvoiceRow {
  id: string;
  tenant_id: string;
  client_id: string;
  number: string;
  currency: string;
  issued_on: string;
  due_on: string;
  total: number | string;
  movements: ArMovement[];
  voided_on: string | null;
  updated_at: Date | string;
}

export const applyArEvent = (row: ArInvoiceRow | null, event: Recorded<BillingEvent>): ArInvoiceRow | null => {
  if (event.type === 'InvoiceIssued') {
    const { invoiceId, clientId, number, currency, issuedOn, dueOn, total } = event.data;
    return {
      id: invoiceId,
      tenant_id: event.metadata.tenantId,
      client_id: clientId,
      number,
      currency,
      issued_on: issuedOn,
      due_on: dueOn,
      total,
      movements: row?.movements ?? [],
      voided_on: row?.voided_on ?? null,
      updated_at: event.recordedAt,
    };
  }
  if (!row) return null; // an invoice this model never saw issued
  const add = (movement: ArMovement): ArInvoiceRow =>
    row.movements.some((m) => m.id === movement.id) ? row : { ...row, movements: [...row.movements, movement], updated_at: event.recordedAt };
  switch (event.type) {
    case 'PaymentRecorded':
      return add({ id: event.data.paymentId, kind: 'PAYMENT', on: event.data.receivedOn, amount: event.data.amount });
    case 'CreditNoteIssued':
      return add({ id: event.data.creditNoteId, kind: 'CREDIT', on: event.data.issuedOn, amount: event.data.amount });
    case 'InvoiceVoided':
      return { ...row, voided_on: row.voided_on ?? event.data.voidedOn, updated_at: event.recordedAt };
    default:
      return row;
  }
};

export const arInvoicesProjection = rowProjection({
  name: 'ledger.ar_invoices',
  table: 'ledger_ar_invoices',
  handles: billingEvents.types,
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    client_id: 'uuid',
    number: 'text',
    currency: 'text',
    issued_on: 'text',
    due_on: 'text',
    total: 'bigint',
    movements: 'jsonb',
    voided_on: 'text',
    updated_at: 'timestamptz',
  },
  events: billingEvents,
  key: (event) => event.data.invoiceId,
  apply: applyArEvent,
});

export type AgingBucket = 'current' | 'days1to30' | 'days31to60' | 'days61to90' | 'over90';
export const AGING_BUCKETS: readonly AgingBucket[] = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'];

export const bucketFor = (daysPastDue: number): AgingBucket =>
  daysPastDue <= 0 ? 'current' : daysPastDue <= 30 ? 'days1to30' : daysPastDue <= 60 ? 'days31to60' : daysPastDue <= 90 ? 'days61to90' : 'over90';

/** What is still owed on each invoice as of `asOf`, in minor units, and its bucket. Pure. */
export const ageInvoices = (rows: Pick<ArInvoiceRow, 'id' | 'client_id' | 'issued_on' | 'due_on' | 'total' | 'movements' | 'voided_on'>[], asOf: string) =>
  rows.flatMap((row) => {
    if (row.issued_on > asOf) return [];
    if (row.voided_on && row.voided_on <= asOf) return [];
    const settled = row.movements.filter((m) => m.on <= asOf).reduce((sum, m) => sum + m.amount, 0);
    const outstanding = Number(row.total) - settled;
    if (outstanding <= 0) return [];
    const daysPastDue = daysBetween(row.due_on, asOf);
    return [{ invoiceId: row.id, clientId: row.client_id, outstanding, daysPastDue, bucket: bucketFor(daysPastDue) }];
  });
