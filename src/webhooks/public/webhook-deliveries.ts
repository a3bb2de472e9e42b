/**
 * What other contexts may learn of the delivery log: the webhook deliveries a set of integration
 * events caused (the audit thread view shows them beside the events). Within one tenant only.
 */

/** Anything that runs a parameterised query: the app's pg Pool, a pool client, a transaction. */
export interface Queryable {
  query<Row>(text: string, values: unknown[]): Promise<{ rows: Row[] }>;
}

export interface EventDelivery {
  /** The webhook-id: the same for every attempt, resend and replay of the event to the endpoint. */
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: 'PENDING' | 'SUCCEEDED' | 'RETRYING' | 'FAILED';
  attemptCount: number;
  lastStatusCode: number | null;
  createdAt: Date;
  deliveredAt: Date | null;
  test: boolean;
}

/** At most this many deliveries per call. */
export const MAX_EVENT_DELIVERIES = 1000;

/** The tenant's deliveries of the integration events `eventIds` (the domain events' ids), oldest first. */
export const deliveriesOfEvents = async (db: Queryable, tenantId: string, eventIds: readonly string[]): Promise<EventDelivery[]> => {
  if (eventIds.length === 0) return [];
  const { rows } = await db.query<{
    id: string;
    endpoint_id: string;
    event_id: string;
    event_type: string;
    status: EventDelivery['status'];
    attempt_count: number;
    last_status_code: number | null;
    created_at: Date;
    delivered_at: Date | null;
    is_test: boolean;
  }>(
    `SELECT id, endpoint_id, event_id, event_type, status, attempt_count, last_status_code, created_at, delivered_at, is_test
     FROM webhooks_deliveries WHERE tenant_id = $1 AND event_id = ANY($2::text[]) ORDER BY seq LIMIT ${MAX_EVENT_DELIVERIES}`,
    [tenantId, eventIds],
  );
  return rows.map((row) => ({
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attemptCount: row.attempt_count,
    lastStatusCode: row.last_status_code,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    test: row.is_test,
  }));
};
