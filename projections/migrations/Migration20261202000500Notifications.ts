import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications to staff and the mail outbox. These are the notifier's own records (effects of a
 * reactor keyed by the source event, and each user's read state and preferences), not read
 * models: they are never rebuilt from the log. Every query filters by tenant and user.
 */
export class Migration20261202000500Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS notifications (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        recipient_id text NOT NULL,
        type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        source_event_id text NOT NULL,
        in_app boolean NOT NULL,
        email boolean NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        digested_at timestamptz,
        UNIQUE (tenant_id, source_event_id, recipient_id)
      );
      CREATE INDEX IF NOT EXISTS notifications_inbox ON notifications (tenant_id, recipient_id, created_at DESC, id DESC) WHERE in_app;
      CREATE INDEX IF NOT EXISTS notifications_unread ON notifications (tenant_id, recipient_id) WHERE in_app AND read_at IS NULL;
      CREATE INDEX IF NOT EXISTS notifications_digest ON notifications (tenant_id, recipient_id) WHERE email AND read_at IS NULL AND digested_at IS NULL;

      CREATE TABLE IF NOT EXISTS notification_preferences (
        tenant_id text NOT NULL,
        user_id text NOT NULL,
        type text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('IN_APP', 'EMAIL')),
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id, type, channel)
      );

      CREATE TABLE IF NOT EXISTS notification_settings (
        tenant_id text NOT NULL,
        user_id text NOT NULL,
        email_digest text NOT NULL CHECK (email_digest IN ('DAILY', 'IMMEDIATE')),
        last_digest_on text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      );
      CREATE INDEX IF NOT EXISTS notification_settings_daily ON notification_settings (tenant_id) WHERE email_digest = 'DAILY';

      -- Open tasks with a due date, as the notifier learnt them from CRM's integration events.
      CREATE TABLE IF NOT EXISTS notification_tasks (
        tenant_id text NOT NULL,
        activity_id text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        subject text NOT NULL,
        due_on text NOT NULL,
        completed boolean NOT NULL DEFAULT false,
        notified_at timestamptz,
        PRIMARY KEY (tenant_id, activity_id)
      );
      CREATE INDEX IF NOT EXISTS notification_tasks_due ON notification_tasks (due_on) WHERE NOT completed AND notified_at IS NULL;

      CREATE TABLE IF NOT EXISTS mail_outbox (
        tenant_id text NOT NULL,
        id text NOT NULL,
        kind text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'KEPT')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX IF NOT EXISTS mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'PENDING';
      CREATE INDEX IF NOT EXISTS mail_outbox_tenant ON mail_outbox (tenant_id, created_at DESC, id DESC);
    `);
  }
}
