import { Migration } from '@mikro-orm/migrations';

/**
 * Invoices read model (RLS as in the CRM read models), and each tenant's payment terms: invoices
 * fall due that many days after they are issued.
 */
export class Migration20261121205000InvoiceReadModels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      ALTER TABLE tenants ADD COLUMN IF NOT EXISTS payment_terms_days integer NOT NULL DEFAULT 30
        CHECK (payment_terms_days BETWEEN 0 AND 365);

      CREATE TABLE IF NOT EXISTS orders_invoices (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        number text NOT NULL,
        order_id uuid NOT NULL,
        client_id uuid NOT NULL,
        currency char(3) NOT NULL,
        status text NOT NULL,
        net bigint NOT NULL,
        tax bigint NOT NULL,
        total bigint NOT NULL,
        amount_paid bigint NOT NULL,
        credited bigint NOT NULL,
        balance_due bigint NOT NULL,
        issued_on text NOT NULL,
        due_on text NOT NULL,
        sent_on text,
        paid_on text,
        voided_on text,
        void_reason text,
        payments jsonb NOT NULL DEFAULT '[]',
        credit_notes jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS orders_invoices_tenant_number ON orders_invoices (tenant_id, number);
      CREATE INDEX IF NOT EXISTS orders_invoices_tenant_created ON orders_invoices (tenant_id, created_at DESC);
      CREATE INDEX IF NOT EXISTS orders_invoices_tenant_status ON orders_invoices (tenant_id, status, due_on);
      CREATE INDEX IF NOT EXISTS orders_invoices_tenant_client ON orders_invoices (tenant_id, client_id);
      CREATE INDEX IF NOT EXISTS orders_invoices_tenant_order ON orders_invoices (tenant_id, order_id);

      GRANT SELECT ON orders_invoices TO annals_reader;
      ALTER TABLE orders_invoices ENABLE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS tenant_isolation ON orders_invoices;
      CREATE POLICY tenant_isolation ON orders_invoices USING (tenant_id = current_setting('app.tenant_id', true));
    `);
  }
}
