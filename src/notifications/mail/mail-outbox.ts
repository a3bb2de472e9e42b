import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { AppConfig } from '../../config';
import { CLOCK, Clock } from '../../shared/clock';
import { Database } from '../../shared/database/database';
import { BadInputError } from '../../shared/domain/domain-error';
import type { Mailer, MailMessage } from '../../shared/mail/mailer.port';
import { APP_CONFIG, DATABASE } from '../../shared/tokens';

export type OutboxStatus = 'PENDING' | 'SENT' | 'FAILED' | 'KEPT';

export interface OutboxMessage {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
}

const EMAIL = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$|^[^@\s<>]+@localhost$/;
const LIMITS = { subject: 300, text: 200_000, html: 400_000, id: 200, kind: 50 };

/** Listeners told that a message is due now (the sender, to try at once instead of at its next tick). */
export type OutboxListener = () => void;

/**
 * The one Mailer of annals: every message is first kept durably in `mail_outbox`, then the sender
 * delivers it over SMTP with retries. Without SMTP_URL a message is only kept (status KEPT), for
 * admins to read. The same message id twice is one message.
 */
@Injectable()
export class MailOutbox implements Mailer {
  private readonly listeners = new Set<OutboxListener>();

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async send(message: MailMessage): Promise<void> {
    await this.sendAll([message]);
  }

  /** Many messages in one statement (a notifier's batch). */
  async sendAll(messages: readonly MailMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.keep(this.database.pool, messages);
    this.due();
  }

  /** The outbox rows of messages, as `KEEP_SQL` takes them from `$offset + 1` on (checked first). */
  rowsOf(messages: readonly MailMessage[]): unknown[] {
    messages.forEach(check);
    const column = <K extends keyof MailMessage>(key: K) => messages.map((m) => m[key]);
    return [column('tenantId'), column('id'), column('kind'), column('to'), column('subject'), column('text'), column('html'), this.status(), this.clock.now()];
  }

  private async keep(db: Pick<PoolClient, 'query'>, messages: readonly MailMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await db.query(keepSql(0), this.rowsOf(messages));
  }

  /** Tells the sender that messages are waiting (after the transaction that kept them committed). */
  due(): void {
    if (this.status() === 'PENDING') this.listeners.forEach((listener) => listener());
  }

  private status(): OutboxStatus {
    return this.config.smtpUrl ? 'PENDING' : 'KEPT';
  }

  onDue(listener: OutboxListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What admins read: messages kept without SMTP, failed ones and those still being retried; newest first. */
  async page(tenantId: string, page: number, perPage: number): Promise<{ items: OutboxMessage[]; total: number }> {
    const { rows } = await this.database.pool.query(
      `SELECT id, kind, recipient AS "to", subject, text_body AS text, html_body AS html, status, attempts, last_error AS "lastError",
              next_attempt_at AS "nextAttemptAt", created_at AS "createdAt", sent_at AS "sentAt", count(*) OVER () AS total
       FROM mail_outbox WHERE tenant_id = $1 AND status <> 'SENT'
       ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [tenantId, perPage, (page - 1) * perPage],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(tenantId);
    return { items: rows.map(({ total: _total, ...row }) => row as OutboxMessage), total };
  }

  private async count(tenantId: string): Promise<number> {
    const { rows } = await this.database.pool.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE tenant_id = $1 AND status <> 'SENT'`, [tenantId]);
    return rows[0].n;
  }
}

/** The INSERT of outbox rows whose parameters start after `$offset` (a statement of its own, or a CTE of another's). */
export const keepSql = (offset: number) => {
  const $ = (n: number) => `$${offset + n}`;
  return `INSERT INTO mail_outbox (tenant_id, id, kind, recipient, subject, text_body, html_body, status, next_attempt_at, created_at)
     SELECT t, i, k, r, s, tb, hb, ${$(8)}, CASE WHEN ${$(8)} = 'PENDING' THEN ${$(9)}::timestamptz END, ${$(9)}::timestamptz
     FROM unnest(${$(1)}::text[], ${$(2)}::text[], ${$(3)}::text[], ${$(4)}::text[], ${$(5)}::text[], ${$(6)}::text[], ${$(7)}::text[]) AS u(t, i, k, r, s, tb, hb)
     ON CONFLICT (tenant_id, id) DO NOTHING`;
};

/** A message that could never be sent is refused when it is asked for, not discovered failing later. */
const check = (message: MailMessage): void => {
  const fields: Record<string, string[]> = {};
  if (!EMAIL.test(message.to)) fields.to = [`"${message.to}" is not an email address`];
  if (!message.id || message.id.length > LIMITS.id) fields.id = [`a message id of 1 to ${LIMITS.id} characters is required`];
  if (!message.tenantId) fields.tenantId = ['a tenant is required'];
  if (!message.kind || message.kind.length > LIMITS.kind) fields.kind = [`a kind of 1 to ${LIMITS.kind} characters is required`];
  if (!message.subject.trim() || message.subject.length > LIMITS.subject) fields.subject = [`a subject of 1 to ${LIMITS.subject} characters is required`];
  if (message.text.length > LIMITS.text) fields.text = [`the text part can be at most ${LIMITS.text} characters`];
  if (message.html.length > LIMITS.html) fields.html = [`the HTML part can be at most ${LIMITS.html} characters`];
  if (Object.keys(fields).length > 0) throw new BadInputError(fields);
};
