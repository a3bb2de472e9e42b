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

/**
 * Fencing: each time a runner takes the lease it raises the processor's `lease_epoch` and
 * remembers it; every write it makes on the processor's behalf first calls processor_fence, which
 * locks the row and fails (SQLSTATE ANL01) unless the epoch is still its own. A runner that lost its
 * lease without noticing (a half-open connection) therefore writes nothing once another has taken
 * over; and a taker's claim waits for a fenced write in flight to commit before it reads the checkpoint.
 */
export const PROCESSOR_FENCED = 'ANL01';

export const processorFencingSql = /* sql */ `
ALTER TABLE processor_checkpoints ADD COLUMN IF NOT EXISTS lease_epoch bigint NOT NULL DEFAULT 0;
CREATE OR REPLACE FUNCTION processor_fence(p_name text, p_epoch bigint) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM processor_checkpoints WHERE name = p_name AND lease_epoch = p_epoch FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'processor % is run by another instance now (its lease epoch is no longer %)', p_name, p_epoch USING ERRCODE = 'ANL01';
  END IF;
  RETURN true;
END $$;
`;

export const ensureProcessorSchema = async (pool: Pool): Promise<void> => {
  await pool.query(processorSchemaSql);
  await pool.query(processorFencingSql);
};
