import type { Pool } from 'pg';

/**
 * Where each integration consumer (the Kafka relay, and consumers reading integration events
 * straight from the event store) has got to in the log. `position` is the port's global position
 * of the last event it has finished with; 0 means "from the beginning". Idempotent: the app's
 * migration (projections/migrations) runs this text, and so do tests.
 */
export const integrationSchemaSql = /* sql */ `
CREATE TABLE IF NOT EXISTS integration_checkpoints (
  consumer text PRIMARY KEY,
  position bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;

export const ensureIntegrationSchema = async (pool: Pool): Promise<void> => {
  await pool.query(integrationSchemaSql);
};
