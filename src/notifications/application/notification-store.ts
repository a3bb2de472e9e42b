import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../shared/database/database';
import { NotFoundError } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import { DATABASE } from '../../shared/tokens';
import { keepSql } from '../mail/mail-outbox';

/** The channel every instance LISTENs on: a notification just stored, for the live subscription. */
export const NOTIFICATION_CHANNEL = 'annals_notification_added';

export interface Notification {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string;
  subjectType: string;
  subjectId: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NewNotification {
  id: string;
  tenantId: string;
  recipientId: string;
  type: string;
  title: string;
  body: string;
  link: string;
  subjectType: string;
  subjectId: string;
  sourceEventId: string;
  inApp: boolean;
  email: boolean;
  createdAt: Date;
}

/** What a NOTIFY carries: the notification, and whose it is. */
export interface NotificationAdded extends Omit<Notification, 'createdAt' | 'readAt'> {
  tenantId: string;
  recipientId: string;
  createdAt: string;
}

const COLUMNS = `id, type, title, body, link, subject_type AS "subjectType", subject_id AS "subjectId", created_at AS "createdAt", read_at AS "readAt"`;

/**
 * The staff inbox: notifications, one per source event and recipient, and their read state.
 * Every query is scoped to one tenant and one recipient.
 */
@Injectable()
export class NotificationStore {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Stores what is new (a source event seen again adds nothing) and, in the same statement, tells
   * every instance about each new in-app notification (NOTIFY is delivered on commit) and keeps
   * their emails (`mail`: MailOutbox.rowsOf) in the outbox. One statement, committed
   * asynchronously: the reactor's checkpoint moves in a later commit, and the WAL is written in
   * order, so that commit being durable makes this one durable too. Answers the ids that were new.
   */
  async add(rows: readonly NewNotification[], mail: unknown[] | null = null): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const col = <K extends keyof NewNotification>(key: K) => rows.map((row) => row[key]);
    const { rows: added } = await this.database.pool.query<{ id: string }>(
      `WITH added AS (
         INSERT INTO notifications (id, tenant_id, recipient_id, type, title, body, link, subject_type, subject_id, source_event_id, in_app, email, created_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                              $11::boolean[], $12::boolean[], $13::timestamptz[])
         ON CONFLICT (tenant_id, source_event_id, recipient_id) DO NOTHING
         RETURNING *)${mail ? `, mailed AS (${keepSql(13)})` : ''}
       SELECT id::text, set_config('synchronous_commit', 'off', true), CASE WHEN in_app THEN pg_notify('${NOTIFICATION_CHANNEL}', json_build_object(
         'id', id, 'tenantId', tenant_id, 'recipientId', recipient_id, 'type', type, 'title', title, 'body', body, 'link', link,
         'subjectType', subject_type, 'subjectId', subject_id, 'createdAt', created_at)::text) END
       FROM added`,
      [
        col('id'),
        col('tenantId'),
        col('recipientId'),
        col('type'),
        col('title'),
        col('body'),
        col('link'),
        col('subjectType'),
        col('subjectId'),
        col('sourceEventId'),
        col('inApp'),
        col('email'),
        col('createdAt'),
        ...(mail ?? []),
      ],
    );
    return new Set(added.map((row) => row.id));
  }

  async page(tenantId: string, userId: string, filter: { unread: boolean; type?: string }, page: number, perPage: number) {
    const conditions = [filter.unread ? 'read_at IS NULL' : 'true', filter.type ? 'type = $3' : 'true'].join(' AND ');
    const params = [tenantId, userId, ...(filter.type ? [filter.type] : [])];
    const n = params.length;
    const [items, counts] = await Promise.all([
      this.database.pool.query<Notification>(
        `SELECT ${COLUMNS} FROM notifications WHERE tenant_id = $1 AND recipient_id = $2 AND in_app AND ${conditions}
         ORDER BY created_at DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, perPage, (page - 1) * perPage],
      ),
      this.database.pool.query<{ total: number; unread: number }>(
        `SELECT count(*) FILTER (WHERE ${conditions})::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE tenant_id = $1 AND recipient_id = $2 AND in_app`,
        params,
      ),
    ]);
    return { items: items.rows, total: counts.rows[0].total, unread: counts.rows[0].unread };
  }

  async unread(tenantId: string, userId: string): Promise<number> {
    const { rows } = await this.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND recipient_id = $2 AND in_app AND read_at IS NULL`,
      [tenantId, userId],
    );
    return rows[0].n;
  }

  /** Marks one of the user's own notifications read (again: no change); NOT_FOUND for anyone else's. */
  async markRead(tenantId: string, userId: string, id: string, at: Date): Promise<number> {
    if (!isUuid(id)) throw new NotFoundError('notification', id);
    const { rowCount } = await this.database.pool.query(
      `UPDATE notifications SET read_at = coalesce(read_at, $4) WHERE tenant_id = $1 AND recipient_id = $2 AND id = $3 AND in_app`,
      [tenantId, userId, id, at],
    );
    if (rowCount === 0) throw new NotFoundError('notification', id);
    return this.unread(tenantId, userId);
  }

  async markAllRead(tenantId: string, userId: string, at: Date): Promise<number> {
    await this.database.pool.query(`UPDATE notifications SET read_at = $3 WHERE tenant_id = $1 AND recipient_id = $2 AND in_app AND read_at IS NULL`, [
      tenantId,
      userId,
      at,
    ]);
    return this.unread(tenantId, userId);
  }

  /** A user's email notifications not read and not yet in a digest, oldest first (at most `limit`). */
  async forDigest(tenantId: string, userId: string, limit: number): Promise<Notification[]> {
    const { rows } = await this.database.pool.query<Notification>(
      `SELECT ${COLUMNS} FROM notifications WHERE tenant_id = $1 AND recipient_id = $2 AND email AND read_at IS NULL AND digested_at IS NULL
       ORDER BY created_at, id LIMIT $3`,
      [tenantId, userId, limit],
    );
    return rows;
  }

  async digested(tenantId: string, ids: readonly string[], at: Date): Promise<void> {
    await this.database.pool.query(`UPDATE notifications SET digested_at = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids, at]);
  }
}
