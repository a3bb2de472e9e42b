/**
 * Where a CRM client's figures (orders placed, invoiced, paid, credited, voided) come from: the
 * streams of its orders and invoices. The orders context's tables serve as an index only (an
 * order's or an invoice's client never changes, and neither is ever removed); the figures are
 * folded from these streams' events, so they can be given as known at any moment.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { invoiceStream } from '../domain/invoice.events';
import { orderStream } from '../domain/order.events';

/** The streams of the client's orders and invoices; with `recordedBy`, only those whose first event was recorded by then. */
export const clientBusinessStreams = async (em: EntityManager, tenantId: string, clientId: string, recordedBy?: Date): Promise<string[]> => {
  const by = recordedBy?.toISOString() ?? null;
  const rows: { kind: string; id: string }[] = await em.execute(
    `SELECT 'order' AS kind, id FROM orders_orders WHERE tenant_id = ? AND client_id = ? AND (?::timestamptz IS NULL OR created_at <= ?::timestamptz)
     UNION ALL
     SELECT 'invoice' AS kind, id FROM orders_invoices WHERE tenant_id = ? AND client_id = ? AND (?::timestamptz IS NULL OR created_at <= ?::timestamptz)`,
    [tenantId, clientId, by, by, tenantId, clientId, by, by],
  );
  return rows.map((row) => (row.kind === 'order' ? orderStream(row.id) : invoiceStream(row.id)));
};
