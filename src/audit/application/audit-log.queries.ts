import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import { DirectoryActor, UserDirectory } from '../../identity/public/user-directory';
import { AuditThreadContributors } from '../public/audit-thread-contributor';
import { ActorNames } from './actors';

export interface AuditLogQuery {
  actorId?: string;
  entity?: string;
  entityId?: string;
  eventType?: string;
  from?: Date;
  to?: Date;
  correlationId?: string;
}

interface AuditLogRow {
  position: string;
  recorded_at: Date;
  entity: string;
  entity_id: string;
  type: string;
  actor_id: string | null;
  actor_kind: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  ip: string | null;
  user_agent: string | null;
  data: unknown;
}

export interface ThreadStep {
  kind: string;
  position: string | null;
  at: Date;
  entity: string | null;
  entityId: string | null;
  type: string;
  actor: DirectoryActor | null;
  causationId: string | null;
  summary: string | null;
  data: unknown;
}

const COLUMNS = 'position::text AS position, recorded_at, entity, entity_id, type, actor_id, actor_kind, correlation_id, causation_id, ip, user_agent, data';

/** The conditions of a filter, in the order the indexes take them (tenant first, then actor, record or type, then time). */
export const auditLogWhere = (tenantId: string, filter: AuditLogQuery): { where: string; params: unknown[] } => {
  const conditions = ['tenant_id = ?'];
  const params: unknown[] = [tenantId];
  const also = (condition: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    conditions.push(condition);
    params.push(value);
  };
  also('actor_id = ?', filter.actorId?.trim());
  also('entity = ?', filter.entity?.trim());
  also('entity_id = ?', filter.entityId?.trim());
  also('type = ?', filter.eventType?.trim());
  also('correlation_id = ?', filter.correlationId?.trim());
  also('recorded_at >= ?', filter.from?.toISOString());
  also('recorded_at <= ?', filter.to?.toISOString());
  return { where: conditions.join(' AND '), params };
};

/**
 * The page and the count of a filter in one statement, so both come from one snapshot: two statements
 * could count rows the page did not show yet (the log keeps growing). `?` placeholders, as em.execute
 * takes them: the filter's parameters twice, then the limit and the offset. One row without a
 * position when the page is empty. The bench runs the same text.
 */
export const auditLogSql = (where: string) =>
  `SELECT counted.total, page.* FROM (SELECT count(*)::int AS total FROM audit_log WHERE ${where}) AS counted
   LEFT JOIN LATERAL (SELECT ${COLUMNS}, audit_log.position AS sort_position FROM audit_log WHERE ${where}
     ORDER BY audit_log.recorded_at DESC, audit_log.position DESC LIMIT ? OFFSET ?) AS page ON true
   ORDER BY page.recorded_at DESC, page.sort_position DESC`;

/** The audit trail of a tenant, from the audit.log read model (one row per stored event). */
@Injectable()
export class AuditLogQueries {
  constructor(
    private readonly reader: TenantReader,
    private readonly directory: UserDirectory,
    private readonly contributors: AuditThreadContributors,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  /** The ids of the tenant's events at these positions (what webhook deliveries and notifications name as their cause). */
  private async eventIds(tenantId: string, positions: readonly string[]): Promise<string[]> {
    if (positions.length === 0) return [];
    const { rows } = await this.database.pool.query<{ id: string }>(
      `SELECT event_id::text AS id FROM es_events WHERE tenant_id = $1 AND position = ANY($2::bigint[]) ORDER BY position`,
      [tenantId, positions],
    );
    return rows.map((row) => row.id);
  }

  async auditLog(tenantId: string, filter: AuditLogQuery, page: number, perPage: number) {
    const { where, params } = auditLogWhere(tenantId, filter);
    const found = await this.reader.read(tenantId, (em) =>
      em.execute<(AuditLogRow & { total: number })[]>(auditLogSql(where), [...params, ...params, perPage, (page - 1) * perPage]),
    );
    const total = found[0]?.total ?? 0;
    const rows = found.filter((row) => row.position !== null);
    const actors = new ActorNames(this.directory, tenantId);
    return { items: await Promise.all(rows.map((row) => this.entry(row, actors))), total };
  }

  /** Everything one action caused, in order: its events across records (commands, process managers, postings) and the contributors' entries. */
  async auditThread(tenantId: string, correlationId: string) {
    const rows = await this.reader.read(tenantId, (em) =>
      em.execute<AuditLogRow[]>(`SELECT ${COLUMNS} FROM audit_log WHERE tenant_id = ? AND correlation_id = ? ORDER BY audit_log.position LIMIT 5000`, [
        tenantId,
        correlationId.trim(),
      ]),
    );
    const actors = new ActorNames(this.directory, tenantId);
    const events = await Promise.all(
      rows.map(async (row) => ({
        kind: 'event',
        position: row.position,
        at: new Date(row.recorded_at),
        entity: row.entity,
        entityId: row.entity_id,
        type: row.type,
        actor: await actors.of(row.actor_id, row.actor_kind),
        causationId: row.causation_id,
        summary: null,
        data: row.data,
      })),
    );
    const eventIds =
      this.contributors.all().length > 0
        ? await this.eventIds(
            tenantId,
            rows.map((row) => row.position),
          )
        : [];
    const contributed = (await Promise.all(this.contributors.all().map((c) => c.contributions(tenantId, correlationId.trim(), eventIds)))).flat();
    const others = contributed.map((entry) => ({
      kind: entry.kind,
      position: null,
      at: entry.at,
      entity: null,
      entityId: null,
      type: entry.type,
      actor: null,
      causationId: entry.causationId,
      summary: entry.summary,
      data: entry.data ?? null,
    }));
    // Events keep their log order; a contributor's entry goes after the events recorded before it.
    const thread: ThreadStep[] = [...events];
    for (const entry of others.sort((a, b) => a.at.getTime() - b.at.getTime())) {
      const at = thread.findIndex((step) => step.at.getTime() > entry.at.getTime());
      thread.splice(at === -1 ? thread.length : at, 0, entry);
    }
    return thread;
  }

  private async entry(row: AuditLogRow, actors: ActorNames) {
    return {
      position: row.position,
      recordedAt: new Date(row.recorded_at),
      entity: row.entity,
      entityId: row.entity_id,
      type: row.type,
      actor: await actors.of(row.actor_id, row.actor_kind),
      correlationId: row.correlation_id,
      causationId: row.causation_id,
      ip: row.ip,
      userAgent: row.user_agent,
      data: row.data,
    };
  }
}
