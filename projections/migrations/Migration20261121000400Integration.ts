import { Migration } from '@mikro-orm/migrations';
import { integrationSchemaSql } from '../../src/integration/integration.schema';

/** Checkpoints of the Kafka relay and of integration consumers. */
export class Migration20261121000400Integration extends Migration {
  override async up(): Promise<void> {
    this.addSql(integrationSchemaSql);
  }
}
