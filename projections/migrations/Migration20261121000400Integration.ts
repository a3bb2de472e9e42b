import { Migration } from '@mikro-orm/migrations';

/** Checkpoints of the Kafka relay and of integration consumers (moved into processor_checkpoints later). */
export class Migration20261121000400Integration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE IF NOT EXISTS integration_checkpoints (
        consumer text PRIMARY KEY,
        position bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }
}
