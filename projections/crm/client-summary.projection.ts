import { RecordedEvent } from '../../src/shared/event-store/event-store.port';
import { Recorded } from '../../src/shared/event-store/recorded-event';
import { Projection } from '../../src/shared/projection/projection';
import { isUuid } from '../../src/shared/domain/ids';
import { PublishedOrdersEvent, publishedOrdersEvents } from '../../src/orders/public/published.events';

/**
 * What CRM shows about a client's business, counted from the orders context's published events
 * (src/orders/public/: a context reaches another only through its public events): orders placed,
 * and the billing events. Tolerant: an event without a usable clientId or amount counts for
 * nothing rather than stopping the projection.
 *
 *   lifetime revenue  = invoiced - credited - voided
 *   open receivables  = invoiced - paid - credited - voided
 */
export const CLIENT_SUMMARY_EVENT_TYPES = publishedOrdersEvents.types;

export interface ClientSummaryDelta {
  tenantId: string;
  clientId: string;
  orders: number;
  invoiced: bigint;
  paid: bigint;
  credited: bigint;
  voided: bigint;
}

const amount = (value: unknown): bigint => (typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : 0n);

/** One event's contribution to its client's counters, or null when it contributes nothing. Pure. */
export const summaryDelta = (event: Recorded<PublishedOrdersEvent>): ClientSummaryDelta | null => {
  const clientId: unknown = event.data.clientId;
  if (typeof clientId !== 'string' || !isUuid(clientId)) return null;
  const zero = { tenantId: event.metadata.tenantId, clientId, orders: 0, invoiced: 0n, paid: 0n, credited: 0n, voided: 0n };
  switch (event.type) {
    case 'OrderPlaced':
      return event.streamName.startsWith('order-') ? { ...zero, orders: 1 } : null;
    case 'InvoiceIssued':
      return { ...zero, invoiced: amount(event.data.total) };
    case 'PaymentRecorded':
      return { ...zero, paid: amount(event.data.amount) };
    case 'CreditNoteIssued':
      return { ...zero, credited: amount(event.data.amount) };
    case 'InvoiceVoided':
      return { ...zero, voided: amount(event.data.total) };
  }
};

/** Sums a batch per client, so each client's row is written once per batch. */
export const sumDeltas = (events: readonly RecordedEvent[]): ClientSummaryDelta[] => {
  const sums = new Map<string, ClientSummaryDelta>();
  for (const event of events) {
    // The runtime's filter is by prefix: anything else starting like a handled name is not ours.
    if (!publishedOrdersEvents.has(event.type)) continue;
    const delta = summaryDelta(publishedOrdersEvents.decode(event));
    if (!delta) continue;
    const key = `${delta.tenantId}\u0000${delta.clientId}`;
    const sum = sums.get(key);
    if (!sum) sums.set(key, delta);
    else
      sums.set(key, {
        ...sum,
        orders: sum.orders + delta.orders,
        invoiced: sum.invoiced + delta.invoiced,
        paid: sum.paid + delta.paid,
        credited: sum.credited + delta.credited,
        voided: sum.voided + delta.voided,
      });
  }
  return [...sums.values()];
};

const UPSERT = `
  INSERT INTO crm_client_summaries AS s (tenant_id, client_id, order_count, invoiced, paid, credited, voided, updated_at)
  SELECT t, c, o, i, p, cr, v, now()
  FROM unnest($1::text[], $2::uuid[], $3::int[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[]) AS d (t, c, o, i, p, cr, v)
  ON CONFLICT (tenant_id, client_id) DO UPDATE SET
    order_count = s.order_count + EXCLUDED.order_count,
    invoiced = s.invoiced + EXCLUDED.invoiced,
    paid = s.paid + EXCLUDED.paid,
    credited = s.credited + EXCLUDED.credited,
    voided = s.voided + EXCLUDED.voided,
    updated_at = now()`;

export const clientSummaryProjection: Projection = {
  name: 'crm.client-summary',
  handles: CLIENT_SUMMARY_EVENT_TYPES,
  tables: ['crm_client_summaries'],
  async applyBatch(tx, events) {
    const sums = sumDeltas(events);
    if (sums.length === 0) return;
    await tx.query(UPSERT, [
      sums.map((s) => s.tenantId),
      sums.map((s) => s.clientId),
      sums.map((s) => s.orders),
      sums.map((s) => s.invoiced.toString()),
      sums.map((s) => s.paid.toString()),
      sums.map((s) => s.credited.toString()),
      sums.map((s) => s.voided.toString()),
    ]);
  },
};
