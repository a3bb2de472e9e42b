import { Migration } from '@mikro-orm/migrations';

/** The day the overdue detector marked an invoice overdue (InvoiceFellOverdue), and the index it finds candidates by. */
export class Migration20261202000300InvoiceOverdue extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE orders_invoices ADD COLUMN IF NOT EXISTS overdue_on text`);
    this.addSql(
      `CREATE INDEX IF NOT EXISTS orders_invoices_overdue_candidates ON orders_invoices (due_on, id) WHERE overdue_on IS NULL AND status IN ('ISSUED', 'SENT', 'PARTIALLY_PAID')`,
    );
  }
}
