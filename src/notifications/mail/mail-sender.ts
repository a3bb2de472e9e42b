import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../../config';
import { CLOCK, Clock } from '../../shared/clock';
import { Database } from '../../shared/database/database';
import { APP_CONFIG, DATABASE } from '../../shared/tokens';
import { UserDirectory } from '../../identity/public/user-directory';
import { MailOutbox } from './mail-outbox';

/** How long a claimed message is left to its sender before another may try it (a crash mid-send). */
const CLAIM_MS = 60_000;
const BATCH = 20;
export const DEFAULT_RETRY = { firstDelayMs: 30_000, attempts: 6 };

interface Claimed {
  tenantId: string;
  id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
}

/** The Message-ID of an outbox message: derived from it, so a resend is recognisably the same email. */
export const messageIdOf = (tenantId: string, id: string, mailFrom: string): string => {
  const domain = mailFrom.split('@')[1] ?? 'annals.local';
  const local = `${id}.${tenantId}`.replace(/[^A-Za-z0-9._-]/g, '-');
  return `<${local}@${domain}>`;
};

/**
 * Delivers the outbox over SMTP (SMTP_URL): due messages are claimed (FOR UPDATE SKIP LOCKED, so
 * several instances share the work and never send one twice at once), sent with nodemailer, and
 * marked SENT, or retried with a doubling delay; after the last attempt a message is FAILED and
 * stays visible in the outbox with its error. Nothing is dropped.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private unlisten?: () => void;
  private readonly retry: { firstDelayMs: number; attempts: number };
  private readonly from: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: MailOutbox,
    private readonly directory: UserDirectory,
  ) {
    this.retry = config.mailRetry ?? DEFAULT_RETRY;
    this.from = config.mailFrom ?? 'annals@localhost';
  }

  onApplicationBootstrap(): void {
    if (!this.config.smtpUrl) {
      this.logger.log('No SMTP_URL: emails are kept in the outbox (admins read them in the UI)');
      return;
    }
    this.transport = nodemailer.createTransport({ url: this.config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    this.unlisten = this.outbox.onDue(() => this.kick());
    const tick = this.config.notificationTickMs ?? 1000;
    this.timer = setInterval(() => this.kick(), tick);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unlisten?.();
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** Sends what is due now; a kick while a round runs asks for one more round after it. */
  kick(): void {
    if (this.stopped || !this.transport) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.rounds()
      .catch((error: Error) => this.logger.warn(`mail delivery round failed (retried at the next tick): ${error.message}`))
      .finally(() => (this.running = undefined));
  }

  private async rounds(): Promise<void> {
    do {
      this.again = false;
      while (!this.stopped && (await this.round()) === BATCH);
    } while (this.again && !this.stopped);
  }

  private async round(): Promise<number> {
    const now = this.clock.now();
    const { rows } = await this.database.pool.query<Claimed>(
      `WITH due AS (
         SELECT tenant_id, id FROM mail_outbox WHERE status = 'PENDING' AND next_attempt_at <= $1
         ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       UPDATE mail_outbox m SET next_attempt_at = $2 FROM due WHERE m.tenant_id = due.tenant_id AND m.id = due.id
       RETURNING m.tenant_id AS "tenantId", m.id, m.recipient, m.subject, m.text_body AS text, m.html_body AS html, m.attempts`,
      [now, new Date(now.getTime() + CLAIM_MS)],
    );
    const names = new Map<string, string>();
    await Promise.all(rows.map((message) => this.deliver(message, names)));
    return rows.length;
  }

  private async deliver(message: Claimed, names: Map<string, string>): Promise<void> {
    try {
      if (!names.has(message.tenantId)) names.set(message.tenantId, (await this.directory.tenant(message.tenantId))?.name ?? 'annals');
      await this.transport!.sendMail({
        from: { name: names.get(message.tenantId)!, address: this.from },
        to: message.recipient,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: messageIdOf(message.tenantId, message.id, this.from),
      });
      await this.database.pool.query(
        `UPDATE mail_outbox SET status = 'SENT', sent_at = $3, attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL WHERE tenant_id = $1 AND id = $2`,
        [message.tenantId, message.id, this.clock.now()],
      );
    } catch (error) {
      const attempts = message.attempts + 1;
      const last = attempts >= this.retry.attempts;
      const reason = error instanceof Error ? error.message : String(error);
      const next = new Date(this.clock.now().getTime() + this.retry.firstDelayMs * 2 ** (attempts - 1));
      await this.database.pool.query(
        `UPDATE mail_outbox SET attempts = $3, last_error = $4, status = $5, next_attempt_at = $6 WHERE tenant_id = $1 AND id = $2`,
        [message.tenantId, message.id, attempts, reason.slice(0, 1000), last ? 'FAILED' : 'PENDING', last ? null : next],
      );
      if (last) this.logger.warn(`email ${message.id} to tenant ${message.tenantId}'s user failed after ${attempts} attempts: ${reason}`);
    }
  }
}
