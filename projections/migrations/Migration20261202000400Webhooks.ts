import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks: the endpoints read model (projection webhooks.endpoints), and the delivery log, an
 * operational store written by the dispatcher and the delivery worker: deliveries (one per endpoint
 * and integration event, keyed by the webhook-id), their attempts, the endpoints' signing secrets
 * (never readable by annals_reader) and the start jobs that schedule an endpoint's history.
 */
export class Migration20261202000400Webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS webhooks_endpoints (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        url text NOT NULL,
        description text NOT NULL,
        event_types jsonb NOT NULL,
        ordered_by_subject boolean NOT NULL,
        rate_limit_per_second integer,
        backfill_from timestamptz,
        status text NOT NULL,
        failing_since timestamptz,
        disabled_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS webhooks_endpoints_tenant_created ON webhooks_endpoints (tenant_id, created_at DESC);

      CREATE TABLE IF NOT EXISTS webhooks_endpoint_activity (
        endpoint_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        last_success_at timestamptz
      );

      CREATE TABLE IF NOT EXISTS webhooks_secrets (
        id uuid PRIMARY KEY,
        endpoint_id uuid NOT NULL,
        tenant_id text NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz
      );
      CREATE INDEX IF NOT EXISTS webhooks_secrets_endpoint ON webhooks_secrets (endpoint_id, created_at);

      CREATE TABLE IF NOT EXISTS webhooks_deliveries (
        id text PRIMARY KEY,
        seq bigserial NOT NULL,
        tenant_id text NOT NULL,
        endpoint_id uuid NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        subject text NOT NULL,
        event_time timestamptz NOT NULL,
        payload text,
        is_test boolean NOT NULL DEFAULT false,
        status text NOT NULL,
        attempt_count integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_status_code integer,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      );
      CREATE INDEX IF NOT EXISTS webhooks_deliveries_due ON webhooks_deliveries (endpoint_id, event_time, seq) WHERE status IN ('PENDING', 'RETRYING');
      CREATE INDEX IF NOT EXISTS webhooks_deliveries_subject ON webhooks_deliveries (endpoint_id, subject, event_time, seq) WHERE status IN ('PENDING', 'RETRYING');
      CREATE INDEX IF NOT EXISTS webhooks_deliveries_tenant_created ON webhooks_deliveries (tenant_id, endpoint_id, created_at DESC);
      CREATE INDEX IF NOT EXISTS webhooks_deliveries_event ON webhooks_deliveries (tenant_id, event_id);

      CREATE TABLE IF NOT EXISTS webhooks_attempts (
        id bigserial PRIMARY KEY,
        delivery_id text NOT NULL,
        tenant_id text NOT NULL,
        endpoint_id uuid NOT NULL,
        at timestamptz NOT NULL,
        status_code integer,
        duration_ms integer NOT NULL,
        response_body text,
        error text
      );
      CREATE INDEX IF NOT EXISTS webhooks_attempts_delivery ON webhooks_attempts (delivery_id, at);
      CREATE INDEX IF NOT EXISTS webhooks_attempts_at ON webhooks_attempts (at);

      CREATE TABLE IF NOT EXISTS webhooks_start_jobs (
        endpoint_id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        from_time timestamptz NOT NULL,
        after_position bigint NOT NULL,
        created_position bigint NOT NULL,
        done boolean NOT NULL DEFAULT false
      );

      GRANT SELECT ON webhooks_endpoints, webhooks_endpoint_activity, webhooks_deliveries, webhooks_attempts TO annals_reader;
      ALTER TABLE webhooks_endpoints ENABLE ROW LEVEL SECURITY;
      ALTER TABLE webhooks_endpoint_activity ENABLE ROW LEVEL SECURITY;
      ALTER TABLE webhooks_deliveries ENABLE ROW LEVEL SECURITY;
      ALTER TABLE webhooks_attempts ENABLE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS tenant_isolation ON webhooks_endpoints;
      CREATE POLICY tenant_isolation ON webhooks_endpoints USING (tenant_id = current_setting('app.tenant_id', true));
      DROP POLICY IF EXISTS tenant_isolation ON webhooks_endpoint_activity;
      CREATE POLICY tenant_isolation ON webhooks_endpoint_activity USING (tenant_id = current_setting('app.tenant_id', true));
      DROP POLICY IF EXISTS tenant_isolation ON webhooks_deliveries;
      CREATE POLICY tenant_isolation ON webhooks_deliveries USING (tenant_id = current_setting('app.tenant_id', true));
      DROP POLICY IF EXISTS tenant_isolation ON webhooks_attempts;
      CREATE POLICY tenant_isolation ON webhooks_attempts USING (tenant_id = current_setting('app.tenant_id', true));
    `);
  }
}
