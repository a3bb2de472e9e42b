import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInputError } from '../../shared/domain/domain-error';
import { ListArgs, Page, SortOrder } from '../../shared/graphql/list.types';
import { likePattern } from '../../shared/read-model/list-query';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryFilter, WebhookEndpoint, WebhookEndpointFilter } from '../api/webhooks.types';

const ENDPOINT_SQL = `SELECT e.id, e.url, e.description, e.event_types, e.status, e.ordered_by_subject, e.rate_limit_per_second, e.created_at,
  a.last_success_at, e.failing_since, e.disabled_reason
  FROM webhooks_endpoints e LEFT JOIN webhooks_endpoint_activity a ON a.endpoint_id = e.id AND a.tenant_id = e.tenant_id`;

const DELIVERY_SQL = `SELECT id, endpoint_id, event_id, event_type, status, attempt_count, next_attempt_at, last_status_code, created_at, delivered_at, payload, is_test
  FROM webhooks_deliveries`;

type Row = Record<string, unknown>;
/** `?, ?, ?`: MikroORM's execute expands no array parameter. */
const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');
const date = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

const toEndpoint = (row: Row): WebhookEndpoint => ({
  id: row.id as string,
  url: row.url as string,
  description: row.description as string,
  eventTypes: row.event_types as string[],
  status: row.status as WebhookEndpoint['status'],
  orderedBySubject: row.ordered_by_subject as boolean,
  rateLimitPerSecond: (row.rate_limit_per_second as number | null) ?? null,
  createdAt: date(row.created_at)!,
  lastSuccessAt: date(row.last_success_at),
  failingSince: date(row.failing_since),
  disabledReason: (row.disabled_reason as string | null) ?? null,
});

const toDelivery = (row: Row, attempts: WebhookAttempt[]): WebhookDelivery => ({
  id: row.id as string,
  endpointId: row.endpoint_id as string,
  eventId: row.event_id as string,
  eventType: row.event_type as string,
  status: row.status as WebhookDelivery['status'],
  attemptCount: row.attempt_count as number,
  nextAttemptAt: row.status === 'SUCCEEDED' || row.status === 'FAILED' ? null : date(row.next_attempt_at),
  lastStatusCode: (row.last_status_code as number | null) ?? null,
  createdAt: date(row.created_at)!,
  deliveredAt: date(row.delivered_at),
  payload: (row.payload as string | null) ?? null,
  test: row.is_test as boolean,
  attempts,
});

const ENDPOINT_SORTS: Record<string, string> = { createdAt: 'e.created_at', url: 'e.url', status: 'e.status' };
const DELIVERY_SORTS: Record<string, string> = { createdAt: 'created_at', eventType: 'event_type', status: 'status', deliveredAt: 'delivered_at' };

const orderBy = (args: ListArgs, sorts: Record<string, string>, id: string): string => {
  const field = args.sortField ?? 'createdAt';
  const column = sorts[field];
  if (!column) throw new BadInputError({ sortField: [`cannot sort by "${field}"; sort by one of: ${Object.keys(sorts).join(', ')}`] });
  const direction = args.sortOrder === SortOrder.ASC ? 'ASC' : 'DESC';
  return `ORDER BY ${column} ${direction}, ${id} ${direction} LIMIT ${args.perPage} OFFSET ${(args.page - 1) * args.perPage}`;
};

/** The endpoints and the delivery log, read as annals_reader within the caller's tenant (row-level security). */
@Injectable()
export class WebhooksQueries {
  constructor(private readonly reader: TenantReader) {}

  endpoint(tenantId: string, id: string): Promise<WebhookEndpoint | null> {
    return this.reader.read(tenantId, async (em) => {
      const rows: Row[] = await em.execute(`${ENDPOINT_SQL} WHERE e.tenant_id = ? AND e.id = ?`, [tenantId, id]);
      return rows[0] ? toEndpoint(rows[0]) : null;
    });
  }

  endpoints(tenantId: string, filter: WebhookEndpointFilter | undefined, args: ListArgs): Promise<Page<WebhookEndpoint>> {
    return this.reader.read(tenantId, async (em) => {
      const where = ['e.tenant_id = ?'];
      const params: unknown[] = [tenantId];
      if (filter?.status) {
        where.push('e.status = ?');
        params.push(filter.status);
      }
      const like = likePattern(filter?.q);
      if (like) {
        where.push('(e.url ILIKE ? OR e.description ILIKE ?)');
        params.push(like, like);
      }
      const condition = `WHERE ${where.join(' AND ')}`;
      const rows: Row[] = await em.execute(`${ENDPOINT_SQL} ${condition} ${orderBy(args, ENDPOINT_SORTS, 'e.id')}`, params);
      const [{ count }]: { count: string }[] = await em.execute(`SELECT count(*) AS count FROM webhooks_endpoints e ${condition}`, params);
      return { items: rows.map(toEndpoint), total: Number(count) };
    });
  }

  delivery(tenantId: string, id: string): Promise<WebhookDelivery | null> {
    return this.reader.read(tenantId, async (em) => {
      const rows: Row[] = await em.execute(`${DELIVERY_SQL} WHERE tenant_id = ? AND id = ?`, [tenantId, id]);
      if (!rows[0]) return null;
      const attempts = await this.attempts(em, tenantId, [id]);
      return toDelivery(rows[0], attempts.get(id) ?? []);
    });
  }

  deliveries(tenantId: string, filter: WebhookDeliveryFilter | undefined, args: ListArgs): Promise<Page<WebhookDelivery>> {
    return this.reader.read(tenantId, async (em) => {
      const where = ['tenant_id = ?'];
      const params: unknown[] = [tenantId];
      for (const [field, column] of [
        ['endpointId', 'endpoint_id'],
        ['status', 'status'],
        ['eventType', 'event_type'],
        ['eventId', 'event_id'],
      ] as const) {
        const value = filter?.[field];
        if (!value) continue;
        where.push(`${column} = ?`);
        params.push(value);
      }
      const condition = `WHERE ${where.join(' AND ')}`;
      const rows: Row[] = await em.execute(`${DELIVERY_SQL} ${condition} ${orderBy(args, DELIVERY_SORTS, 'seq')}`, params);
      const [{ count }]: { count: string }[] = await em.execute(`SELECT count(*) AS count FROM webhooks_deliveries ${condition}`, params);
      const attempts = await this.attempts(
        em,
        tenantId,
        rows.map((row) => row.id as string),
      );
      return { items: rows.map((row) => toDelivery(row, attempts.get(row.id as string) ?? [])), total: Number(count) };
    });
  }

  private async attempts(em: EntityManager, tenantId: string, ids: string[]): Promise<Map<string, WebhookAttempt[]>> {
    const byDelivery = new Map<string, WebhookAttempt[]>();
    if (ids.length === 0) return byDelivery;
    const rows: Row[] = await em.execute(
      `SELECT delivery_id, at, status_code, duration_ms, response_body, error FROM webhooks_attempts WHERE tenant_id = ? AND delivery_id IN (${placeholders(ids)}) ORDER BY at, id`,
      [tenantId, ...ids],
    );
    for (const row of rows) {
      const attempt = {
        at: date(row.at)!,
        statusCode: (row.status_code as number | null) ?? null,
        durationMs: row.duration_ms as number,
        responseBody: (row.response_body as string | null) ?? null,
        error: (row.error as string | null) ?? null,
      };
      byDelivery.set(row.delivery_id as string, [...(byDelivery.get(row.delivery_id as string) ?? []), attempt]);
    }
    return byDelivery;
  }
}
