/**
 * The audit tables that are not read models: the per-tenant hash chain over the log, each tenant's
 * chain head, and the seals that lock a ledger period with the chain head at that moment. Rows of
 * the chain and the seals are never changed: the same trigger as the log's refuses it.
 */
export const auditChainSql = /* sql */ `
CREATE TABLE IF NOT EXISTS audit_chain (
  tenant_id text NOT NULL,
  position bigint NOT NULL,
  recorded_at timestamptz NOT NULL,
  previous_hash text NOT NULL,
  hash text NOT NULL,
  chained_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, position)
);
CREATE INDEX IF NOT EXISTS audit_chain_tenant_time_idx ON audit_chain (tenant_id, recorded_at);

CREATE TABLE IF NOT EXISTS audit_chain_heads (
  tenant_id text PRIMARY KEY,
  position bigint NOT NULL,
  hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS audit_seals (
  tenant_id text NOT NULL,
  position bigint NOT NULL,
  through text NOT NULL,
  hash text NOT NULL,
  actor_id text,
  sealed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, position)
);

DROP TRIGGER IF EXISTS audit_chain_append_only ON audit_chain;
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain FOR EACH ROW EXECUTE FUNCTION es_refuse_change();
DROP TRIGGER IF EXISTS audit_seals_append_only ON audit_seals;
CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals FOR EACH ROW EXECUTE FUNCTION es_refuse_change();
`;
