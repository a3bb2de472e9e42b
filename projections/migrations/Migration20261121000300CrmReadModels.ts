import { Migration } from '@mikro-orm/migrations';

/**
 * CRM read models. Row-level security is the second wall around tenants: queries run as the
 * `annals_reader` role with `app.tenant_id` set for the transaction, and see only that tenant's
 * rows even if a WHERE clause were forgotten. Projectors write as the owner.
 */
export class Migration20261121000300CrmReadModels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS crm_leads (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        company text,
        phone text,
        source text,
        status text NOT NULL,
        client_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS crm_leads_tenant_created ON crm_leads (tenant_id, created_at DESC);
      CREATE INDEX IF NOT EXISTS crm_leads_tenant_status ON crm_leads (tenant_id, status, created_at DESC);
      CREATE TABLE IF NOT EXISTS crm_clients (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        email text NOT NULL,
        company text,
        lead_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS crm_clients_tenant_created ON crm_clients (tenant_id, created_at DESC);

      DO $$
      BEGIN
        -- Roles are cluster-wide: two databases migrating at once can both find none and race.
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'annals_reader') THEN
          BEGIN
            CREATE ROLE annals_reader NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
          END;
        END IF;
        BEGIN
          EXECUTE format('GRANT annals_reader TO %I', current_user);
        EXCEPTION WHEN OTHERS THEN
          RAISE NOTICE 'could not grant annals_reader to %: %', current_user, SQLERRM;
        END;
      END $$;
      GRANT USAGE ON SCHEMA public TO annals_reader;
      GRANT SELECT ON crm_leads, crm_clients TO annals_reader;

      ALTER TABLE crm_leads ENABLE ROW LEVEL SECURITY;
      ALTER TABLE crm_clients ENABLE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS tenant_isolation ON crm_leads;
      CREATE POLICY tenant_isolation ON crm_leads USING (tenant_id = current_setting('app.tenant_id', true));
      DROP POLICY IF EXISTS tenant_isolation ON crm_clients;
      CREATE POLICY tenant_isolation ON crm_clients USING (tenant_id = current_setting('app.tenant_id', true));
    `);
  }
}
