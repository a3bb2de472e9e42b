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
  /** Stored event types this projection reads; the subscription is filtered to them. Empty: every event. */
  handles: readonly string[];
  /** Reads events as stored, without decoding them (a projection of every event, whatever its type). */
  raw?: boolean;
  /** Tables it owns: emptied on rebuild. */
  tables: readonly string[];
  /** Off the command path (no command waits for it): pause this long after a batch at the head (see BatchPause). */
  settleMs?: number;
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

/**
 * A row projection also folds one record in memory, with the same `apply`, for the log's readers
 * ("as known at", field changes): no second copy of the logic and no copy of the data.
 */
export interface RowProjection<Row extends { id: string } = { id: string }> extends Projection {
  readonly table: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  /**
   * The row of `id` after `events` (in log order; others' events are ignored), each step as the
   * table would hand it back (see asStored), so `apply` sees what it sees when it runs on the table.
   * `step` is told each row in turn (the record after every event that touched it).
   */
  foldRow(events: readonly RecordedEvent[], id: string, step?: (row: Row | null, event: RecordedEvent) => void): Row | null;
  /** Every row `events` build (a tenant's chart of accounts, its receivables), by id, as foldRow builds one. */
  foldRows(events: readonly RecordedEvent[]): Map<string, Row>;
}

/** A row as PostgreSQL returns it from its table: dates as Date, bigint and numeric as text, jsonb parsed afresh. */
export const asStored = <Row>(row: Row, columns: Readonly<Record<string, ColumnType>>): Row => {
  const stored: Record<string, unknown> = {};
  for (const [column, type] of Object.entries(columns)) stored[column] = storedValue((row as Record<string, unknown>)[column], type);
  return stored as Row;
};

const storedValue = (value: unknown, type: ColumnType): unknown => {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'timestamptz':
      return value instanceof Date ? new Date(value.getTime()) : new Date(String(value));
    case 'bigint':
    case 'numeric':
      return String(value);
    case 'integer':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'jsonb':
      return JSON.parse(typeof value === 'string' ? value : JSON.stringify(value));
    default:
      return String(value);
  }
};

export const rowProjection = <Row extends { id: string }, E extends DomainEvent>(definition: RowProjectionDefinition<Row, E>): RowProjection<Row> => {
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
    table: definition.table,
    columns: definition.columns,
    foldRow(events, id, step) {
      let row: Row | null = null;
      for (const stored of events) {
        if (!handled.has(stored.type)) continue;
        const event = definition.events.decode(stored);
        if (definition.key(event) !== id) continue;
        const next = definition.apply(row, event);
        row = next === null ? null : asStored(next, definition.columns);
        step?.(row, stored);
      }
      return row;
    },
    foldRows(events) {
      const rows = new Map<string, Row>();
      for (const stored of events) {
        if (!handled.has(stored.type)) continue;
        const event = definition.events.decode(stored);
        const key = definition.key(event);
        if (key === null) continue;
        const next = definition.apply(rows.get(key) ?? null, event);
        if (next === null) rows.delete(key);
        else rows.set(key, asStored(next, definition.columns));
      }
      return rows;
    },
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
