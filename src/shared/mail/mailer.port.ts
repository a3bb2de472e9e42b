/**
 * Sending email, as any context may ask for it (invitations, password resets, notifications).
 * The notifications context provides the implementation: messages are kept durably first (an
 * outbox), then sent over SMTP with retries, or only kept when no `SMTP_URL` is configured.
 * Inject with `@Optional() @Inject(MAILER)`: without a mailer the caller still answers (an
 * invitation still returns its URL).
 */
export interface MailMessage {
  tenantId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Why this email exists ('invitation', 'password_reset', 'notification', 'digest'). */
  kind: string;
  /** Unique per message: the same id twice is one email (a retried command sends once). */
  id: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export const MAILER = Symbol('MAILER');
