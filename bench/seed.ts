/**
 * Writes N lead and client events straight into the event store tables, in exactly the format
 * es_append stores (positions from the sequence, one xid, stream rows with their last revision),
 * with one INSERT ... SELECT generate_series: seconds instead of the minutes appends would take.
 *
 * Per group of 10 events: 4 leads captured, 3 qualified, 1 disqualified, 1 converted, and the
 * client that conversion registers: 1M events = 400,000 leads and 100,000 clients.
 */
import type { Pool } from 'pg';

/** Position in the group of 10 -> (lead index in the group or -1 for the client, type, revision). */
const LEAD_OF = '(ARRAY[0, 1, 0, 2, 1, 3, 2, 0, -1, 3])';
const TYPE_OF = `(ARRAY['LeadCaptured', 'LeadCaptured', 'LeadQualified', 'LeadCaptured', 'LeadQualified', 'LeadCaptured', 'LeadQualified', 'LeadConverted', 'ClientRegistered', 'LeadDisqualified'])`;
const REVISION_OF = '(ARRAY[0, 0, 1, 0, 1, 0, 1, 2, 0, 1])';
/** A cheap deterministic uuid per (kind, number), e.g. 00000001-0000-4000-8000-00000000002a. */
const uuidOf = (kind: number, n: string) => `('0000000${kind}-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

export const seedEvents = async (pool: Pool, count: number): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query('BEGIN');
    // Secondary indexes are built once at the end (same definitions, same names): much faster than
    // maintaining three B-trees row by row.
    await client.query(`ALTER TABLE es_events DROP CONSTRAINT es_events_event_id_key, DROP CONSTRAINT es_events_stream_revision_key`);
    await client.query(`DROP INDEX es_events_tenant_stream_idx`);
    await client.query(`SELECT pg_current_xact_id()`);
    await client.query(
      `WITH e AS (
         SELECT i, grp, k, ${TYPE_OF}[k + 1] AS type, ${REVISION_OF}[k + 1] AS revision, ${LEAD_OF}[k + 1] AS j
           FROM (SELECT i, (i - 1) / 10 AS grp, ((i - 1) % 10)::int AS k FROM generate_series(1, $1::bigint) AS i) g
       ), f AS (
         SELECT e.*, ${uuidOf(1, 'e.grp * 4 + greatest(e.j, 0)')} AS lead_id, ${uuidOf(2, 'e.grp')} AS client_id FROM e
       )
       INSERT INTO es_events (position, transaction_id, event_id, stream_name, revision, type, data, metadata, tenant_id, recorded_at)
       SELECT i, pg_current_xact_id(), ${uuidOf(3, 'i')},
              CASE WHEN type = 'ClientRegistered' THEN 'client-' || client_id ELSE 'lead-' || lead_id END,
              revision, type,
              CASE type
                WHEN 'LeadCaptured' THEN jsonb_build_object('leadId', lead_id, 'name', 'Lead ' || grp || '-' || j,
                  'email', 'lead' || grp || '-' || j || '@example.test', 'company', 'Acme Widgets Ltd',
                  'phone', '+44 20 7946 0000', 'source', 'bench')
                WHEN 'LeadConverted' THEN jsonb_build_object('leadId', lead_id, 'clientId', client_id)
                WHEN 'LeadDisqualified' THEN jsonb_build_object('leadId', lead_id, 'reason', 'no budget')
                WHEN 'ClientRegistered' THEN jsonb_build_object('clientId', client_id, 'name', 'Lead ' || grp || '-0',
                  'email', 'lead' || grp || '-0@example.test', 'company', 'Acme Widgets Ltd', 'leadId', ${uuidOf(1, 'grp * 4')})
                ELSE jsonb_build_object('leadId', lead_id)
              END,
              jsonb_build_object('tenantId', 'acme', 'actorId', 'user-bench',
                'correlationId', ${uuidOf(4, 'i')}, 'causationId', ${uuidOf(5, 'i')}),
              'acme', timestamptz '2026-01-01 00:00:00+00' + i * interval '1 millisecond'
         FROM f`,
      [count],
    );
    await client.query(`SELECT setval('es_position_seq', $1::bigint)`, [count]);
    await client.query(`ALTER TABLE es_events ADD CONSTRAINT es_events_event_id_key UNIQUE (event_id),
                        ADD CONSTRAINT es_events_stream_revision_key UNIQUE (stream_name, revision)`);
    await client.query(`CREATE INDEX es_events_tenant_stream_idx ON es_events (tenant_id, stream_name, revision)`);
    await client.query('COMMIT');
    // Hint bits and the visibility map set once here, so no reader pays for them.
    await client.query('VACUUM (FREEZE, ANALYZE) es_events');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
