import { Migration } from '@mikro-orm/migrations';
import { processorSchemaSql } from '../../src/shared/processing/processor-schema';

/** Names the process managers ran under as projections: they are reactors now. */
const REACTORS = ['crm.lead-conversion.process-manager', 'orders.invoicing.process-manager', 'ledger.billing-postings'];

/**
 * One checkpoint store for every processor: projection_checkpoints (projectors, and the process
 * managers registered as projections) and integration_checkpoints (the Kafka relay, integration
 * consumers) move into processor_checkpoints, each row with its kind; processor_parks holds the
 * tenants a processor is parked for. A failure recorded in the old table was an event's: it
 * becomes nothing here (the runner finds the event again from the checkpoint and parks its tenant).
 */
export class Migration20261201000100ProcessorCheckpoints extends Migration {
  override async up(): Promise<void> {
    this.addSql(processorSchemaSql);
    this.addSql(`
      DO $$
      BEGIN
        IF to_regclass('projection_checkpoints') IS NOT NULL THEN
          INSERT INTO processor_checkpoints (name, kind, position, rebuilds, updated_at)
          SELECT name, CASE WHEN name = ANY(ARRAY['${REACTORS.join("','")}']) THEN 'reactor' ELSE 'projector' END, position, rebuilds, updated_at
            FROM projection_checkpoints
          ON CONFLICT (name) DO NOTHING;
          DROP TABLE projection_checkpoints;
        END IF;
        IF to_regclass('integration_checkpoints') IS NOT NULL THEN
          INSERT INTO processor_checkpoints (name, kind, position, updated_at)
          SELECT consumer, 'reactor', position, updated_at FROM integration_checkpoints
          ON CONFLICT (name) DO NOTHING;
          DROP TABLE integration_checkpoints;
        END IF;
      END $$;
    `);
  }
}
