import { Migration } from '@mikro-orm/migrations';

/** Idempotency-Keys expire (IDEMPOTENCY_TTL_HOURS): the pruning deletes by age. */
export class Migration20261202000200IdempotencyExpiry extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS idempotency_keys_created_at_idx ON idempotency_keys (created_at);`);
  }
}
