import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';

/** A delivery about to be scheduled: one integration event for one endpoint. */
export interface NewDelivery {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  subject: string;
  eventTime: string;
  payload: string;
  isTest?: boolean;
}

/** A due delivery, with what the worker needs of its endpoint. */
export interface DueDelivery {
  id: string;
  tenant_id: string;
  endpoint_id: string;
  event_id: string;
  subject: string;
  payload: string | null;
  attempt_count: number;
  url: string;
  ordered_by_subject: boolean;
  rate_limit_per_second: number | null;
  endpoint_status: string;
  failing_since: Date | null;
}

/** The outcome of one attempt, as the worker records it. */
export interface AttemptResult {
  id: string;
  tenantId: string;
  endpointId: string;
  at: Date;
  /** SUCCEEDED, RETRYING, FAILED, or PENDING (kept for when the endpoint is enabled again). */
  status: string;
  nextAttemptAt: Date | null;
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
}

const SCHEDULE_COLUMNS = `id, tenant_id, endpoint_id, event_id, event_type, subject, event_time, payload, is_test, status, attempt_count, next_attempt_at, created_at`;
const UNNEST = `unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::boolean[])
  AS n(id, tenant_id, endpoint_id, event_id, event_type, subject, event_time, payload, is_test)`;

const values = (deliveries: readonly NewDelivery[]) => [
  deliveries.map((d) => d.id),
  deliveries.map((d) => d.tenantId),
  deliveries.map((d) => d.endpointId),
  deliveries.map((d) => d.eventId),
  deliveries.map((d) => d.eventType),
  deliveries.map((d) => d.subject),
  deliveries.map((d) => d.eventTime),
  deliveries.map((d) => d.payload),
  deliveries.map((d) => d.isTest ?? false),
];

/** The delivery log in PostgreSQL: deliveries and their attempts. Every write here is one statement per batch. */
@Injectable()
export class DeliveryLog {
  constructor(@Inject(DATABASE) private readonly database: Pick<Database, 'pool'>) {}

  /** Schedules new deliveries (PENDING, due now); one already scheduled (same webhook-id) is left as it is. Returns how many are new. */
  async schedule(deliveries: readonly NewDelivery[], now: Date): Promise<number> {
    if (deliveries.length === 0) return 0;
    const { rowCount } = await this.database.pool.query(
      `INSERT INTO webhooks_deliveries (${SCHEDULE_COLUMNS})
       SELECT n.id, n.tenant_id, n.endpoint_id, n.event_id, n.event_type, n.subject, n.event_time, n.payload, n.is_test, 'PENDING', 0, $10, $10 FROM ${UNNEST}
       ON CONFLICT (id) DO NOTHING`,
      [...values(deliveries), now],
    );
    return rowCount ?? 0;
  }

  /** Replay: every delivery due again now, with its id; one pruned from the log comes back with its payload. */
  async reschedule(deliveries: readonly NewDelivery[], now: Date): Promise<number> {
    if (deliveries.length === 0) return 0;
    const { rowCount } = await this.database.pool.query(
      `INSERT INTO webhooks_deliveries (${SCHEDULE_COLUMNS})
       SELECT n.id, n.tenant_id, n.endpoint_id, n.event_id, n.event_type, n.subject, n.event_time, n.payload, n.is_test, 'PENDING', 0, $10, $10 FROM ${UNNEST}
       ON CONFLICT (id) DO UPDATE SET status = 'PENDING', next_attempt_at = $10, payload = EXCLUDED.payload`,
      [...values(deliveries), now],
    );
    return rowCount ?? 0;
  }

  /**
   * Due deliveries, at most `perEndpoint` per endpoint, oldest event first, leaving out those in
   * `exclude` (in flight here), endpoints disabled or still scheduling their history, and, for an
   * endpoint ordered by subject, a delivery while an earlier one about the same subject is unfinished.
   */
  async due(now: Date, exclude: readonly string[], perEndpoint: number, endpointIds?: readonly string[]): Promise<DueDelivery[]> {
    const { rows } = await this.database.pool.query<DueDelivery>(
      `SELECT d.id, d.tenant_id, d.endpoint_id, d.event_id, d.subject, d.payload, d.attempt_count,
              e.url, e.ordered_by_subject, e.rate_limit_per_second, e.status AS endpoint_status, e.failing_since
       FROM webhooks_endpoints e
       CROSS JOIN LATERAL (
         SELECT d.* FROM webhooks_deliveries d
         WHERE d.endpoint_id = e.id AND d.status IN ('PENDING', 'RETRYING') AND d.next_attempt_at <= $1 AND NOT (d.id = ANY($2::text[]))
           AND (NOT e.ordered_by_subject OR NOT EXISTS (
             SELECT 1 FROM webhooks_deliveries p
             WHERE p.endpoint_id = d.endpoint_id AND p.subject = d.subject AND p.status IN ('PENDING', 'RETRYING')
               AND (p.event_time, p.seq) < (d.event_time, d.seq)))
         ORDER BY d.event_time, d.seq
         LIMIT $3
       ) d
       WHERE e.status <> 'DISABLED' AND ($4::uuid[] IS NULL OR e.id = ANY($4::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM webhooks_start_jobs j WHERE j.endpoint_id = e.id AND NOT j.done)`,
      [now, exclude, perEndpoint, endpointIds ?? null],
    );
    return rows;
  }

  /** Records a batch of attempts: each delivery's new state, its attempt, and the endpoints' last success. */
  async record(results: readonly AttemptResult[]): Promise<void> {
    if (results.length === 0) return;
    const column = <T>(pick: (r: AttemptResult) => T) => results.map(pick);
    await this.database.pool.query(
      `WITH r AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::text[], $6::timestamptz[], $7::int[], $8::int[], $9::text[], $10::text[])
           AS r(id, tenant_id, endpoint_id, at, status, next_attempt_at, status_code, duration_ms, response_body, error)
       ), updated AS (
         UPDATE webhooks_deliveries d SET status = r.status, attempt_count = d.attempt_count + 1, next_attempt_at = r.next_attempt_at,
           last_status_code = r.status_code, delivered_at = CASE WHEN r.status = 'SUCCEEDED' THEN r.at ELSE d.delivered_at END
         FROM r WHERE d.id = r.id
       ), succeeded AS (
         INSERT INTO webhooks_endpoint_activity (endpoint_id, tenant_id, last_success_at)
         SELECT endpoint_id, min(tenant_id), max(at) FROM r WHERE status = 'SUCCEEDED' GROUP BY endpoint_id
         ON CONFLICT (endpoint_id) DO UPDATE SET last_success_at = GREATEST(webhooks_endpoint_activity.last_success_at, EXCLUDED.last_success_at)
       )
       INSERT INTO webhooks_attempts (delivery_id, tenant_id, endpoint_id, at, status_code, duration_ms, response_body, error)
       SELECT id, tenant_id, endpoint_id, at, status_code, duration_ms, response_body, error FROM r`,
      [
        column((r) => r.id),
        column((r) => r.tenantId),
        column((r) => r.endpointId),
        column((r) => r.at),
        column((r) => r.status),
        column((r) => r.nextAttemptAt),
        column((r) => r.statusCode),
        column((r) => r.durationMs),
        column((r) => r.responseBody),
        column((r) => r.error),
      ],
    );
  }

  /** One more attempt now, same id: null when the tenant has no such delivery. */
  async resend(tenantId: string, id: string, now: Date): Promise<boolean> {
    const { rowCount } = await this.database.pool.query(
      `UPDATE webhooks_deliveries SET status = CASE WHEN status = 'SUCCEEDED' OR status = 'FAILED' THEN 'RETRYING' ELSE status END, next_attempt_at = $3
       WHERE id = $1 AND tenant_id = $2 AND payload IS NOT NULL`,
      [id, tenantId, now],
    );
    return (rowCount ?? 0) > 0;
  }

  /** An endpoint enabled again: what it missed (kept PENDING or RETRYING) is due now. */
  async dueNow(endpointId: string, now: Date): Promise<void> {
    await this.database.pool.query(
      `UPDATE webhooks_deliveries SET next_attempt_at = $2 WHERE endpoint_id = $1 AND status IN ('PENDING', 'RETRYING') AND next_attempt_at > $2`,
      [endpointId, now],
    );
  }

  /**
   * Attempts older than `before` are deleted, and so are the payloads of deliveries delivered before
   * then (replay rebuilds them from the log); the deliveries themselves stay, so ids and counts do too.
   */
  async prune(before: Date): Promise<{ attempts: number; payloads: number }> {
    const attempts = await this.database.pool.query(`DELETE FROM webhooks_attempts WHERE at < $1`, [before]);
    const payloads = await this.database.pool.query(
      `UPDATE webhooks_deliveries SET payload = NULL WHERE payload IS NOT NULL AND status = 'SUCCEEDED' AND COALESCE(delivered_at, created_at) < $1`,
      [before],
    );
    return { attempts: attempts.rowCount ?? 0, payloads: payloads.rowCount ?? 0 };
  }
}
