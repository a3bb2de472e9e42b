import { Migration } from '@mikro-orm/migrations';

/**
 * CRM breadth: owners on leads and clients; phone, archive flag, contacts and addresses on
 * clients; activities; per-client counters fed by orders and billing events. Same two walls as
 * the first CRM read models: row-level security on tenant_id, read as `annals_reader`.
 */
export class Migration20261121204500CrmBreadth extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      ALTER TABLE crm_leads ADD COLUMN IF NOT EXISTS owner_id text;
      CREATE INDEX IF NOT EXISTS crm_leads_tenant_source ON crm_leads (tenant_id, source);

      ALTER TABLE crm_clients ADD COLUMN IF NOT EXISTS phone text;
      ALTER TABLE crm_clients ADD COLUMN IF NOT EXISTS owner_id text;
      ALTER TABLE crm_clients ADD COLUMN IF NOT EXISTS archived boolean NOT NULL DEFAULT false;
      ALTER TABLE crm_clients ADD COLUMN IF NOT EXISTS archived_reason text;
      ALTER TABLE crm_clients ADD COLUMN IF NOT EXISTS contacts jsonb NOT NULL DEFAULT '[]'::jsonb;
      ALTER TABLE crm_clients ADD COLUMN IF NOT EXISTS billing_address jsonb;
      ALTER TABLE crm_clients ADD COLUMN IF NOT EXISTS shipping_address jsonb;
      CREATE INDEX IF NOT EXISTS crm_clients_tenant_archived ON crm_clients (tenant_id, archived, created_at DESC);

      CREATE TABLE IF NOT EXISTS crm_activities (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        notes text,
        due_on text,
        completed boolean NOT NULL DEFAULT false,
        completed_at timestamptz,
        actor_id text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS crm_activities_tenant_subject ON crm_activities (tenant_id, subject_id, created_at DESC);
      CREATE INDEX IF NOT EXISTS crm_activities_tenant_created ON crm_activities (tenant_id, created_at DESC);

      CREATE TABLE IF NOT EXISTS crm_client_summaries (
        tenant_id text NOT NULL,
        client_id uuid NOT NULL,
        order_count integer NOT NULL DEFAULT 0,
        invoiced bigint NOT NULL DEFAULT 0,
        paid bigint NOT NULL DEFAULT 0,
        credited bigint NOT NULL DEFAULT 0,
        voided bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, client_id)
      );

      GRANT SELECT ON crm_activities, crm_client_summaries TO annals_reader;
      ALTER TABLE crm_activities ENABLE ROW LEVEL SECURITY;
      ALTER TABLE crm_client_summaries ENABLE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS tenant_isolation ON crm_activities;
      CREATE POLICY tenant_isolation ON crm_activities USING (tenant_id = current_setting('app.tenant_id', true));
      DROP POLICY IF EXISTS tenant_isolation ON crm_client_summaries;
      CREATE POLICY tenant_isolation ON crm_client_summaries USING (tenant_id = current_setting('app.tenant_id', true));
    `);
  }
}
