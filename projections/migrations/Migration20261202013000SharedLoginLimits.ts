import { Migration } from '@mikro-orm/migrations';

/**
 * Failed sign-ins per account and per client address, shared by every app instance (login-limiter.ts).
 * A write-side table of the identity context: no row-level security, and no grant to annals_reader,
 * so no tenant's read can see who is being guessed at.
 */
export class Migration20261202013000SharedLoginLimits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS identity_login_limits (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS identity_login_limits_expires_at_idx ON identity_login_limits (expires_at);
      REVOKE ALL ON identity_login_limits FROM PUBLIC;
    `);
  }
}
