import type { Pool } from 'pg';

/**
 * The processor runtime's one checkpoint store: where each processor (projector or reactor) has
 * got to in the log, and the tenants it is parked for. Idempotent: the app's migration
 * (projections/migrations) runs this text, and so do tests.
 *
 * A park is durable: the tenant's events from `position` on wait, in log order, until a retry
 * applies them up to the processor's checkpoint and deletes the row.
 */
export const processorSchemaSql = /* sql */ `
CREATE TABLE IF NOT EXISTS processor_checkpoints (
  name text PRIMARY KEY,
  kind text NOT NULL DEFAULT 'projector' CHECK (kind IN ('projector', 'reactor')),
  position bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
  failed_position bigint,
  failed_event_type text,
  last_error text,
  retries integer NOT NULL DEFAULT 0,
  rebuilds integer NOT NULL DEFAULT 0,
  rebuild_position bigint,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS processor_parks (
  processor text NOT NULL,
  tenant_id text NOT NULL,
  position bigint NOT NULL,
  event_type text NOT NULL,
  error text NOT NULL,
  retries integer NOT NULL DEFAULT 0,
  parked_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (processor, tenant_id)
);
`;

export const ensureProcessorSchema = async (pool: Pool): Promise<void> => {
  await pool.query(processorSchemaSql);
};
