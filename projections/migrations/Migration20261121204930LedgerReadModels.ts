import { Migration } from '@mikro-orm/migrations';

/**
 * Ledger read models: the chart (accounts, period lock), the general ledger (entries, lines,
 * per-day balances per account) and receivables by invoice for aging. Business dates are
 * 'YYYY-MM-DD' text: they sort as dates and never shift with a time zone. Same walls as the CRM
 * read models: queries as `annals_reader` under row-level security.
 */
export class Migration20261121204930LedgerReadModels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS ledger_accounts (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        account_type text NOT NULL,
        open boolean NOT NULL,
        opened_at timestamptz NOT NULL,
        revision bigint NOT NULL
      );
      CREATE UNIQUE INDEX IF NOT EXISTS ledger_accounts_tenant_code ON ledger_accounts (tenant_id, code);
      CREATE TABLE IF NOT EXISTS ledger_settings (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        locked_through text,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ledger_entries (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        entry_date text NOT NULL,
        memo text NOT NULL,
        currency text NOT NULL,
        total bigint NOT NULL,
        source_type text,
        source_id text,
        reversal_of uuid,
        reversed_by uuid,
        reversal_reason text,
        actor_id text NOT NULL,
        posted_at timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ledger_entries_tenant_date ON ledger_entries (tenant_id, entry_date DESC, posted_at DESC);
      CREATE TABLE IF NOT EXISTS ledger_lines (
        entry_id uuid NOT NULL,
        line_no integer NOT NULL,
        tenant_id text NOT NULL,
        account_code text NOT NULL,
        entry_date text NOT NULL,
        debit bigint NOT NULL,
        credit bigint NOT NULL,
        PRIMARY KEY (entry_id, line_no)
      );
      CREATE INDEX IF NOT EXISTS ledger_lines_tenant_account_date ON ledger_lines (tenant_id, account_code, entry_date);
      CREATE TABLE IF NOT EXISTS ledger_daily_balances (
        tenant_id text NOT NULL,
        account_code text NOT NULL,
        day text NOT NULL,
        debit bigint NOT NULL,
        credit bigint NOT NULL,
        PRIMARY KEY (tenant_id, account_code, day)
      );
      CREATE TABLE IF NOT EXISTS ledger_ar_invoices (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        client_id uuid NOT NULL,
        number text NOT NULL,
        currency text NOT NULL,
        issued_on text NOT NULL,
        due_on text NOT NULL,
        total bigint NOT NULL,
        movements jsonb NOT NULL DEFAULT '[]',
        voided_on text,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ledger_ar_invoices_tenant_issued ON ledger_ar_invoices (tenant_id, issued_on);

      GRANT SELECT ON ledger_accounts, ledger_settings, ledger_entries, ledger_lines, ledger_daily_balances, ledger_ar_invoices TO annals_reader;
      DO $$
      DECLARE t text;
      BEGIN
        FOREACH t IN ARRAY ARRAY['ledger_accounts', 'ledger_settings', 'ledger_entries', 'ledger_lines', 'ledger_daily_balances', 'ledger_ar_invoices'] LOOP
          EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
          EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
          EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''app.tenant_id'', true))', t);
        END LOOP;
      END $$;
    `);
  }
}
