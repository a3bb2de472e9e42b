import { Migration } from '@mikro-orm/migrations';
import { eventStoreSchemaSql } from '../../src/shared/event-store/postgres/postgres-event-store.schema';

/** The PostgreSQL event store's tables and functions (harmless when EventStoreDB holds the log). */
export class Migration20261121000100EventStore extends Migration {
  override async up(): Promise<void> {
    this.addSql(eventStoreSchemaSql);
  }
}
