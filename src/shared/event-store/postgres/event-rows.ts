/** How events travel between es_events and the code: the columns read, how a page is parsed, the queries that page. */
import type { QueryArrayConfig, QueryArrayResult } from 'pg';
import { EventFilter, EventMetadata, RecordedEvent } from '../event-store.port';

/**
 * A page of events comes back as plain rows whose columns all arrive as their text output (no pg
 * type parsers), parsed once here. Measured against building the page as one JSON text in the
 * server (string_agg of concatenations): that took the server ≈3× the CPU of these rows, and the
 * server shares the machine's cores with this process. Positions and revisions stay bigint-exact
 * as text; the time travels as epoch milliseconds, what a Date holds.
 */
export const EVENT_COLUMNS = `e.position, e.event_id, e.stream_name, e.revision, e.type, e.data, e.metadata,
  (date_part('epoch', e.recorded_at) * 1000)::int8`;
export const RAW_TEXT = { getTypeParser: () => (text: string) => text };

export const parseEvents = (result: QueryArrayResult<string[]>): RecordedEvent[] => {
  const rows = result.rows;
  const events = new Array<RecordedEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    events[i] = {
      id: row[1],
      streamName: row[2],
      type: row[4],
      revision: BigInt(row[3]),
      position: BigInt(row[0]),
      data: JSON.parse(row[5]),
      metadata: JSON.parse(row[6]) as EventMetadata,
      recordedAt: new Date(Number(row[7])),
    };
  }
  return events;
};

/** `SELECT <event columns> FROM (<inner>) e ORDER BY <order>`, where `inner` selects from es_events, limited and ordered. */
export const pageQuery = (inner: string, order: string, values: unknown[]): QueryArrayConfig => ({
  text: `SELECT ${EVENT_COLUMNS} FROM (${inner}) e ORDER BY ${order}`,
  values,
  rowMode: 'array',
  types: RAW_TEXT,
});

/** `LIKE` patterns matching strings that start with `prefix`. */
export const prefixPatterns = (prefixes: string[] | undefined): string[] | null =>
  prefixes === undefined ? null : prefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`);

/**
 * Highest position at or below which everything that will ever be visible already is, and the
 * highest position stored, visible or not (events above the first and at or below the second are
 * held back by an older append still in flight; see es_heads in the schema); then the events after
 * $1 up to the first, at most $2 positions (es_poll).
 */
export const POLL_SQL = `SELECT e.visible_head, e.stored_head, ${EVENT_COLUMNS} FROM es_poll($1, $2) WITH ORDINALITY e ORDER BY e.ordinality`;

/** Events in (after, upTo], both bounds below the visible head, so no visibility check per row. */
export const rangeQuery = (after: bigint, upTo: bigint, limit: number, filter: EventFilter | undefined): QueryArrayConfig =>
  pageQuery(
    `SELECT * FROM es_events
      WHERE position > $1 AND position <= $2
        AND ($3::text[] IS NULL OR type LIKE ANY ($3))
        AND ($4::text[] IS NULL OR stream_name LIKE ANY ($4))
        AND ($6::text IS NULL OR tenant_id = $6)
      ORDER BY position LIMIT $5`,
    'e.position',
    [after.toString(), upTo.toString(), prefixPatterns(filter?.eventTypePrefixes), prefixPatterns(filter?.streamPrefixes), limit, filter?.tenantId ?? null],
  );
