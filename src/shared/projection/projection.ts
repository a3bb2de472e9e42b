import { PoolClient } from 'pg';
import type { DomainEvent } from '../domain/decider';
import { RecordedEvent } from '../event-store/event-store.port';
import type { Recorded } from '../event-store/recorded-event';

/**
 * A read model fed by events. `applyBatch` runs inside the transaction that also moves the
 * projection's checkpoint, so a batch is applied exactly once or not at all.
 */
export interface Projection {
  name: string;
  /** Stored event types this projection reads; the subscription is filtered to them. */
  handles: readonly string[];
  /** Tables it owns: emptied on rebuild. */
  tables: readonly string[];
  applyBatch(tx: PoolClient, events: RecordedEvent[]): Promise<void>;
}

type ColumnType = 'uuid' | 'text' | 'timestamptz' | 'bigint' | 'integer' | 'numeric' | 'boolean' | 'jsonb';

/**
 * The common shape: one row per aggregate, computed by a pure `apply(row, event)`. The writer
 * loads the rows a batch touches with one query, folds the batch in memory and writes them back
 * with one `INSERT ... SELECT FROM unnest(...)` (one parameter per column, whatever the batch size).
 */
export interface RowProjectionDefinition<Row extends { id: string }, E extends DomainEvent> {
  name: string;
  table: string;
  handles: readonly string[];
  columns: Record<keyof Row & string, ColumnType>;
  /** The registry its events decode with (typed, upcast); each event is decoded once per batch. */
  events: { decode(event: RecordedEvent): Recorded<E> };
  /** Which row an event touches; null to ignore the event. */
  key: (event: Recorded<E>) => string | null;
  /** The new row, or null to delete it. Pure. */
  apply: (row: Row | null, event: Recorded<E>) => Row | null;
  /**
   * Event types whose `apply` ignores the stored row (they start one): a key whose first event in
   * a batch is one of these is not loaded first. Rebuilds and new aggregates skip the pre-read.
   */
  creates?: readonly string[];
}

export const rowProjection = <Row extends { id: string }, E extends DomainEvent>(definition: RowProjectionDefinition<Row, E>): Projection => {
  const columns = Object.keys(definition.columns) as (keyof Row & string)[];
  const handled = new Set(definition.handles);
  const creates = new Set(definition.creates ?? []);
  const selectSql = `SELECT ${columns.map(quote).join(', ')} FROM ${quote(definition.table)} WHERE id = ANY($1::uuid[])`;
  const upsertSql =
    `INSERT INTO ${quote(definition.table)} (${columns.map(quote).join(', ')}) ` +
    `SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${definition.columns[c]}[]`).join(', ')}) ` +
    `ON CONFLICT (id) DO UPDATE SET ${columns
      .filter((c) => c !== 'id')
      .map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`)
      .join(', ')}`;
  const deleteSql = `DELETE FROM ${quote(definition.table)} WHERE id = ANY($1::uuid[])`;

  return {
    name: definition.name,
    handles: definition.handles,
    tables: [definition.table],
    async applyBatch(tx, events) {
      // Each event decoded and keyed once (the runtime has usually decoded it already: then a lookup).
      const relevant: { event: Recorded<E>; key: string }[] = [];
      for (const stored of events) {
        if (!handled.has(stored.type)) continue;
        const event = definition.events.decode(stored);
        const key = definition.key(event);
        if (key !== null) relevant.push({ event, key });
      }
      if (relevant.length === 0) return;
      // Keys to load: those whose first event in the batch does not start the row.
      const firstEvents = new Map<string, string>();
      for (const { event, key } of relevant) if (!firstEvents.has(key)) firstEvents.set(key, event.type);
      const keys = [...firstEvents].filter(([, type]) => !creates.has(type)).map(([key]) => key);
      const rows = new Map<string, Row | null>();
      if (keys.length > 0) {
        const stored = await tx.query({ name: `${definition.name}:select`, text: selectSql, values: [keys] });
        for (const row of stored.rows as Row[]) rows.set(row.id, row);
      }
      const touched = new Set<string>();
      for (const { event, key } of relevant) {
        rows.set(key, definition.apply(rows.get(key) ?? null, event));
        touched.add(key);
      }
      const upserts: Row[] = [];
      const deletes: string[] = [];
      for (const key of touched) {
        const row = rows.get(key);
        if (row) upserts.push(row);
        else deletes.push(key);
      }
      if (upserts.length > 0)
        await tx.query({ name: `${definition.name}:upsert`, text: upsertSql, values: columns.map((column) => upserts.map((row) => toParameter(row[column]))) });
      if (deletes.length > 0) await tx.query({ name: `${definition.name}:delete`, text: deleteSql, values: [deletes] });
    },
  };
};

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

const toParameter = (value: unknown): unknown => {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
};
