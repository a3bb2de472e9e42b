import type { Pool } from 'pg';
import { appendOnlySql } from './append-only.schema';

/**
 * Key of the session-level advisory lock that orders appends. Inside it, an append takes its
 * transaction id and its positions, so across transactions xid order equals position order.
 * The lock is released before the append writes anything: appends still commit concurrently.
 */
export const APPEND_LOCK_KEY = 7_415_961_300_117n;

/**
 * Key of the transaction-level advisory lock (shared mode: appends never wait on it) that every
 * append takes before its xid, held until it ends: it tells es_heads which in-flight
 * transactions are appends, so only they hold subscriptions back (a projector's commit does not).
 */
export const APPENDING_LOCK_KEY = APPEND_LOCK_KEY + 2n;

/**
 * Channel on which the adapter notifies, after each append commits, with the position of its last
 * event. Not from inside es_append: a transaction that has run NOTIFY holds a database-wide lock
 * through its commit, WAL flush included, which serialises committing appends (measured: 8
 * concurrent writers fell from ~420 to ~190 appends/s). A lost notification only delays delivery
 * until the next poll.
 */
export const NOTIFY_CHANNEL = 'es_events';

/** SQLSTATEs `es_append` raises; the adapter maps them to the port's errors. */
export const SQLSTATE = {
  wrongExpectedRevision: 'ES001',
  idempotencyConflict: 'ES002',
  xidAlreadyAssigned: 'ES003',
} as const;

/**
 * The event store schema, idempotent, one self-contained string: the app runs it at start-up and
 * a MikroORM migration runs the same text.
 *
 * Readers return only events whose `transaction_id` is below the xmin of their snapshot: every
 * transaction below it has ended, and since positions follow xids, the visible events are always
 * a prefix of the log in position order (rolled-back appends leave harmless gaps). A checkpoint
 * that is a bare position therefore never skips an event that commits late.
 */
export const eventStoreSchemaSql = /* sql */ `
-- Two processes creating the schema at once would collide in the catalog.
SELECT pg_advisory_xact_lock(${APPEND_LOCK_KEY} + 1);

CREATE SEQUENCE IF NOT EXISTS es_position_seq AS bigint START WITH 1 MINVALUE 1 CACHE 1;

-- A stream's revision is its last event's: the unique (stream_name, revision) index checks
-- expected revisions, so no stream table is written on every append (this one was, until
-- 2026-11-21; nothing reads it any more).
DROP TABLE IF EXISTS es_streams;

CREATE TABLE IF NOT EXISTS es_events (
  position bigint PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  event_id uuid NOT NULL,
  stream_name text NOT NULL,
  revision bigint NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  tenant_id text,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT es_events_event_id_key UNIQUE (event_id),
  CONSTRAINT es_events_stream_revision_key UNIQUE (stream_name, revision)
);

CREATE INDEX IF NOT EXISTS es_events_tenant_stream_idx ON es_events (tenant_id, stream_name, revision);

-- Appends a batch to one stream in one statement and returns the new last revision and the
-- position of the last event. p_events is a JSON array of {id, type, data, metadata}.
-- p_expected is 'any', 'no_stream', 'stream_exists' or a revision in decimal.
-- Must be the first write of its transaction (it raises otherwise): an xid taken earlier, outside
-- the advisory lock, would break the xid-order = position-order invariant readers rely on.
-- Each statement costs an executor run, so the common case runs three besides the critical
-- section: the id probe, the probe of the expected revision's event and the event insert;
-- repeats and refusals take the slower branches.
CREATE OR REPLACE FUNCTION es_append(p_stream text, p_expected text, p_events jsonb,
  OUT next_revision bigint, OUT last_position bigint, OUT idempotent boolean)
LANGUAGE plpgsql AS $es_append$
DECLARE
  v_count int := jsonb_array_length(p_events);
  v_ids uuid[];
  v_found int;
  v_found_here int;
  v_conflicting uuid;
  v_first_position bigint;
  v_current bigint;
BEGIN
  IF v_count = 0 THEN
    RAISE EXCEPTION 'es_append: no events to append to %', p_stream USING ERRCODE = '22023';
  END IF;
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'es_append must be the first write of its transaction (stream %)', p_stream
      USING ERRCODE = '${SQLSTATE.xidAlreadyAssigned}';
  END IF;

  -- Idempotency, before taking an xid or positions, so a repeat costs neither: one index probe
  -- per id, which almost always finds nothing. (= ANY of an array, not IN (subquery): the planner
  -- takes jsonb_array_elements for 100 rows and would hash-join them with a scan of es_events.)
  IF v_count = 1 THEN
    PERFORM FROM es_events WHERE event_id = (p_events -> 0 ->> 'id')::uuid;
  ELSE
    v_ids := ARRAY(SELECT (e ->> 'id')::uuid FROM jsonb_array_elements(p_events) e);
    PERFORM FROM es_events WHERE event_id = ANY (v_ids);
  END IF;
  IF FOUND THEN
    v_ids := coalesce(v_ids, ARRAY[(p_events -> 0 ->> 'id')::uuid]);
    SELECT count(*), count(*) FILTER (WHERE stream_name = p_stream), max(revision), max(position),
           (array_agg(event_id) FILTER (WHERE stream_name <> p_stream))[1]
      INTO v_found, v_found_here, next_revision, last_position, v_conflicting
      FROM es_events WHERE event_id = ANY (v_ids);
    IF v_found = v_count AND v_found_here = v_count THEN
      idempotent := true;
      RETURN;
    END IF;
    RAISE EXCEPTION 'es_append: some event ids are already stored'
      USING ERRCODE = '${SQLSTATE.idempotencyConflict}',
            DETAIL = coalesce(v_conflicting, (SELECT event_id FROM es_events WHERE event_id = ANY (v_ids) LIMIT 1))::text;
  END IF;

  -- The expected revision, against the stream's events (before the critical section, so a
  -- refusal takes no positions). The unique (stream_name, revision) index is the proof: an
  -- append that raced another one to the same revision fails with a unique violation on
  -- es_events_stream_revision_key once that one commits, which the adapter reports as a wrong
  -- expected revision (or retries, for 'any'). An exact revision must be the stream's last: its
  -- event must exist, and inserting the next one proves no later one does.
  IF p_expected = 'no_stream' THEN
    v_current := -1;
  ELSIF p_expected IN ('any', 'stream_exists') THEN
    SELECT coalesce(max(revision), -1) INTO v_current FROM es_events WHERE stream_name = p_stream;
    IF p_expected = 'stream_exists' AND v_current = -1 THEN
      PERFORM es_check_expected(p_stream, p_expected, -1);
    END IF;
  ELSE
    v_current := p_expected::bigint;
    PERFORM FROM es_events WHERE stream_name = p_stream AND revision = v_current;
    IF NOT FOUND THEN
      PERFORM es_check_expected(p_stream, p_expected,
        (SELECT coalesce(max(revision), -1) FROM es_events WHERE stream_name = p_stream));
    END IF;
  END IF;
  next_revision := v_current + v_count;

  -- The critical section: xid and positions under one lock, released at once (a session lock
  -- survives rollback, hence the handler; cancellation is caught too, as OTHERS omits it).
  PERFORM pg_advisory_lock(${APPEND_LOCK_KEY});
  BEGIN
    PERFORM pg_advisory_xact_lock_shared(${APPENDING_LOCK_KEY});
    PERFORM pg_current_xact_id();
    v_first_position := nextval('es_position_seq');
    IF v_count > 1 THEN
      PERFORM setval('es_position_seq', v_first_position + v_count - 1);
    END IF;
  EXCEPTION WHEN query_canceled OR others THEN
    PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
    RAISE;
  END;
  PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});

  INSERT INTO es_events (position, transaction_id, event_id, stream_name, revision, type, data, metadata, tenant_id)
  SELECT v_first_position + e.i - 1, pg_current_xact_id(), (e.value ->> 'id')::uuid, p_stream,
         next_revision - v_count + e.i, e.value ->> 'type', e.value -> 'data', e.value -> 'metadata',
         e.value -> 'metadata' ->> 'tenantId'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, i);

  last_position := v_first_position + v_count - 1;
  idempotent := false;
END
$es_append$;

-- The visible head (every event at or below it that will ever be visible already is) and the
-- stored head. Every append takes the APPENDING lock before its xid and holds it to its end, and
-- takes its xid and positions under the append lock, so xid order is position order. Statement 1
-- takes a snapshot S0, then reads the lock table: B = least(xmax(S0), xids of appends in flight
-- then); an append without an xid yet will take one >= xmax(S0) (if any such append exists the
-- bound falls back to xmin(S0), which is what it was before). Any append with an xid below B
-- had ended when the lock table was read, so statement 2, with a later snapshot, sees all of its
-- events or none; every event still to appear has an xid >= B, hence a higher position than any
-- event with an xid below B. Other transactions (projectors, notifications) hold nothing back.
-- In a single-snapshot isolation level, statement 2 could not see later commits: xmin only.
CREATE OR REPLACE FUNCTION es_heads(OUT visible_head bigint, OUT stored_head bigint)
LANGUAGE plpgsql VOLATILE AS $es_heads$
DECLARE
  v_bound xid8;
BEGIN
  -- Always safe, and enough when nothing older than the newest event is in flight (then no
  -- transaction can hold anything back): the bound xmin of this statement's snapshot.
  SELECT coalesce((SELECT position FROM es_events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY position DESC LIMIT 1), 0),
         coalesce((SELECT max(position) FROM es_events), 0)
    INTO visible_head, stored_head;
  IF visible_head = stored_head THEN
    RETURN;
  END IF;
  IF current_setting('transaction_isolation') = 'read committed' THEN
    -- One pass over the lock table, grouped by backend (a self-join of it cost ≈ 0.2 ms per call
    -- with a few hundred locks held): the backends holding the APPENDING lock, with their xids.
    WITH s AS MATERIALIZED (
      SELECT pg_current_snapshot() AS snap
    ), appending AS MATERIALIZED (
      SELECT max(l.transactionid::text::bigint) FILTER (WHERE l.locktype = 'transactionid') AS xid32
        FROM pg_locks l
       WHERE l.granted
         AND (l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock'
              OR l.locktype = 'advisory' AND l.objsubid = 1
                 AND l.classid = ${APPENDING_LOCK_KEY >> 32n} AND l.objid = ${APPENDING_LOCK_KEY & 0xffffffffn}
                 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
       GROUP BY l.pid
      HAVING bool_or(l.locktype = 'advisory')
    )
    SELECT CASE
             WHEN EXISTS (SELECT 1 FROM appending WHERE xid32 IS NULL) THEN pg_snapshot_xmin(s.snap)
             -- 32-bit xids widened next to xmax(S0): in-flight xids are within 2^31 of it.
             ELSE least(pg_snapshot_xmax(s.snap), (
               SELECT (x.r + ((((a.xid32 - x.r % 4294967296) % 4294967296) + 4294967296 + 2147483648) % 4294967296) - 2147483648)::text::xid8
                 FROM appending a, (SELECT pg_snapshot_xmax(s.snap)::text::bigint AS r) x
                ORDER BY 1 LIMIT 1))
           END
      INTO v_bound
      FROM s;
  ELSE
    v_bound := pg_snapshot_xmin(pg_current_snapshot());
  END IF;
  SELECT coalesce((SELECT position FROM es_events WHERE transaction_id < v_bound ORDER BY position DESC LIMIT 1), 0),
         coalesce((SELECT max(position) FROM es_events), 0)
    INTO visible_head, stored_head;
END
$es_heads$;

-- A subscription pass near the head in one round trip: the heads (as es_heads), then, read by a
-- later statement (so with a later snapshot, as es_heads requires), the events after p_after up to
-- the visible head, at most p_span positions. The first row carries the heads and no event; the
-- events follow in position order. p_after NULL: the heads only.
CREATE OR REPLACE FUNCTION es_poll(p_after bigint, p_span bigint)
RETURNS TABLE (visible_head bigint, stored_head bigint, "position" bigint, event_id uuid, stream_name text,
  revision bigint, type text, data jsonb, metadata jsonb, recorded_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $es_poll$
#variable_conflict use_column
DECLARE
  v_visible bigint;
  v_stored bigint;
BEGIN
  SELECT h.visible_head, h.stored_head INTO v_visible, v_stored FROM es_heads() h;
  RETURN QUERY SELECT v_visible, v_stored, NULL::bigint, NULL::uuid, NULL::text, NULL::bigint, NULL::text, NULL::jsonb, NULL::jsonb, NULL::timestamptz;
  IF p_after IS NOT NULL AND v_visible > p_after THEN
    RETURN QUERY
      SELECT v_visible, v_stored, e.position, e.event_id, e.stream_name, e.revision, e.type, e.data, e.metadata, e.recorded_at
        FROM es_events e
       WHERE e.position > p_after AND e.position <= least(v_visible, p_after + p_span)
       ORDER BY e.position;
  END IF;
END
$es_poll$;

CREATE OR REPLACE FUNCTION es_check_expected(p_stream text, p_expected text, p_current bigint)
RETURNS void LANGUAGE plpgsql AS $es_check$
DECLARE
  v_matches boolean := CASE p_expected
    WHEN 'any' THEN true
    WHEN 'no_stream' THEN p_current = -1
    WHEN 'stream_exists' THEN p_current >= 0
    ELSE p_current = p_expected::bigint
  END;
BEGIN
  IF v_matches THEN
    RETURN;
  END IF;
  RAISE EXCEPTION 'stream %: expected revision %, actual %', p_stream, p_expected,
      CASE WHEN p_current = -1 THEN 'no_stream' ELSE p_current::text END
    USING ERRCODE = '${SQLSTATE.wrongExpectedRevision}', DETAIL = p_current::text;
END
$es_check$;
`;

export const ensureEventStoreSchema = async (pool: Pool): Promise<void> => {
  await pool.query(eventStoreSchemaSql);
  await pool.query(appendOnlySql);
};
