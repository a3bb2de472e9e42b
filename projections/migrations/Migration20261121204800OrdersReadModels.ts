import { Migration } from '@mikro-orm/migrations';

/**
 * Catalogue, quotes and orders read models. Same two walls as the CRM's: row-level security on
 * tenant_id, read as `annals_reader`; projectors write as the owner. Money columns are minor units;
 * business dates are 'YYYY-MM-DD' text, as the events carry them.
 */
export class Migration20261121204800OrdersReadModels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS orders_products (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        sku text NOT NULL,
        name text NOT NULL,
        currency text NOT NULL,
        unit_price bigint NOT NULL,
        tax_rate text NOT NULL,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS orders_products_tenant_created ON orders_products (tenant_id, created_at DESC);
      CREATE INDEX IF NOT EXISTS orders_products_tenant_sku ON orders_products (tenant_id, lower(sku));

      CREATE TABLE IF NOT EXISTS orders_quotes (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        client_id uuid NOT NULL,
        status text NOT NULL,
        currency text NOT NULL,
        valid_until text,
        quote_revision integer NOT NULL,
        lines jsonb NOT NULL,
        search text NOT NULL,
        net bigint NOT NULL,
        tax bigint NOT NULL,
        total bigint NOT NULL,
        sent_on text,
        accepted_on text,
        rejection_reason text,
        order_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS orders_quotes_tenant_created ON orders_quotes (tenant_id, created_at DESC);
      CREATE INDEX IF NOT EXISTS orders_quotes_tenant_status ON orders_quotes (tenant_id, status, created_at DESC);
      CREATE INDEX IF NOT EXISTS orders_quotes_tenant_client ON orders_quotes (tenant_id, client_id);
      -- the expiry job's scan: open quotes by date
      CREATE INDEX IF NOT EXISTS orders_quotes_open_valid_until ON orders_quotes (valid_until) WHERE status IN ('DRAFT', 'SENT');

      CREATE TABLE IF NOT EXISTS orders_orders (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        quote_id uuid NOT NULL,
        client_id uuid NOT NULL,
        status text NOT NULL,
        currency text NOT NULL,
        lines jsonb NOT NULL,
        net bigint NOT NULL,
        tax bigint NOT NULL,
        total bigint NOT NULL,
        placed_on text NOT NULL,
        payment_reference text,
        payment_failure_reason text,
        carrier text,
        tracking_number text,
        shipped_on text,
        delivered_on text,
        cancel_reason text,
        invoice_id uuid,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE INDEX IF NOT EXISTS orders_orders_tenant_created ON orders_orders (tenant_id, created_at DESC);
      CREATE INDEX IF NOT EXISTS orders_orders_tenant_status ON orders_orders (tenant_id, status, created_at DESC);
      CREATE INDEX IF NOT EXISTS orders_orders_tenant_client ON orders_orders (tenant_id, client_id);

      GRANT SELECT ON orders_products, orders_quotes, orders_orders TO annals_reader;
      ALTER TABLE orders_products ENABLE ROW LEVEL SECURITY;
      ALTER TABLE orders_quotes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE orders_orders ENABLE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS tenant_isolation ON orders_products;
      CREATE POLICY tenant_isolation ON orders_products USING (tenant_id = current_setting('app.tenant_id', true));
      DROP POLICY IF EXISTS tenant_isolation ON orders_quotes;
      CREATE POLICY tenant_isolation ON orders_quotes USING (tenant_id = current_setting('app.tenant_id', true));
      DROP POLICY IF EXISTS tenant_isolation ON orders_orders;
      CREATE POLICY tenant_isolation ON orders_orders USING (tenant_id = current_setting('app.tenant_id', true));
    `);
  }
}
