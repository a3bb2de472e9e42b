import { Migration } from '@mikro-orm/migrations';
import { appendOnlySql } from '../../src/shared/event-store/postgres/append-only.schema';
import { auditChainSql } from '../../src/audit/chain/audit-schema';

/**
 * The log becomes append-only in the database (a trigger and the application role's privileges),
 * the per-tenant hash chain and period seals, and the audit log read model: one row per event,
 * indexed for "what did this actor do when", "what happened to this record" and "what did this
 * action cause", read as annals_reader under row-level security.
 */
export class Migration20261202000600Audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(appendOnlySql);
    this.addSql(auditChainSql);
    this.addSql(`
      CREATE TABLE IF NOT EXISTS audit_log (
        position bigint PRIMARY KEY,
        tenant_id text NOT NULL,
        recorded_at timestamptz NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        type text NOT NULL,
        actor_id text,
        actor_kind text,
        correlation_id text,
        causation_id text,
        ip text,
        user_agent text,
        data jsonb NOT NULL
      );
      CREATE INDEX IF NOT EXISTS audit_log_actor_time_idx ON audit_log (tenant_id, actor_id, recorded_at DESC, position DESC);
      CREATE INDEX IF NOT EXISTS audit_log_time_idx ON audit_log (tenant_id, recorded_at DESC, position DESC);
      CREATE INDEX IF NOT EXISTS audit_log_entity_idx ON audit_log (tenant_id, entity, entity_id, position DESC);
      CREATE INDEX IF NOT EXISTS audit_log_type_time_idx ON audit_log (tenant_id, type, recorded_at DESC, position DESC);
      CREATE INDEX IF NOT EXISTS audit_log_correlation_idx ON audit_log (tenant_id, correlation_id, position);
      ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS audit_log_tenant ON audit_log;
      CREATE POLICY audit_log_tenant ON audit_log USING (tenant_id = current_setting('app.tenant_id', true));
      GRANT SELECT ON audit_log TO annals_reader;
    `);
  }
}
