import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { BadInputError } from '../domain/domain-error';
import { EVENT_STORE, EventStore, RecordedEvent } from '../event-store/event-store.port';
import type { RowProjection } from '../projection/projection';

/**
 * "As known at": a read of a record as the system knew it at a moment (transaction time), computed
 * from the log, never from a copy kept aside. A query that runs inside `knownAtScope.run(moment, ...)`
 * reads its records through TenantReader as usual; TenantReader then folds the record's events up to
 * the moment through the projection that builds its table (RowProjection.foldRow) instead of
 * reading the table. The query's own mapping (row -> API type) is the same code either way.
 */
export interface KnownAtMoment {
  /** Events recorded at or before this time... */
  knownAt?: Date;
  /** ...or at or before this log position (a record's state after one of its events). */
  throughPosition?: bigint;
  /** Streams already read in this scope (a timeline reads each once, however many states it shows). */
  cache?: Map<string, RecordedEvent[]>;
  /**
   * Streams read through another position than `throughPosition` (-1n: none of their events):
   * `changes` reads a record before one of its events with everything else as known at that event,
   * so what other records contribute is not taken for a change the record's event made.
   */
  streams?: ReadonlyMap<string, bigint>;
  /** The time the moment stands for when it is given by position only (`changes`: the event's recordedAt). */
  at?: Date;
}

export const knownAtScope = new AsyncLocalStorage<KnownAtMoment>();

/** Within the moment: recorded at or before it. */
export const knownBy = (moment: KnownAtMoment) => (event: RecordedEvent) => {
  const through = moment.streams?.get(event.streamName) ?? moment.throughPosition;
  return (moment.knownAt === undefined || event.recordedAt.getTime() <= moment.knownAt.getTime()) && (through === undefined || event.position <= through);
};

/** The time the moment stands for (its knownAt, or the time of the event it is given by), undefined for now. */
export const momentTime = (moment: KnownAtMoment | undefined): Date | undefined => moment?.knownAt ?? moment?.at;

/**
 * The moment each record a knownAt query answered was read at, so that its field resolvers
 * (a client's figures and activities), which GraphQL runs after the query, read as of it too.
 */
const readAt = new WeakMap<object, KnownAtMoment>();

/** `read`'s answer, remembered with the scope's moment (call it inside knownAtScope). */
export const rememberMoment = async <T>(read: Promise<T> | T): Promise<T> => {
  const moment = knownAtScope.getStore();
  const record = await read;
  if (moment && record !== null && typeof record === 'object') readAt.set(record, moment);
  return record;
};

/** Runs a field resolver's `read` as known at the moment its record was read at (as it is now for a record read without knownAt). */
export const atMomentOf = <T>(record: object, read: () => T): T => {
  const moment = readAt.get(record);
  return moment ? knownAtScope.run(moment, read) : read();
};

/** Streams read at once when the store cannot read several in one query. */
const PARALLEL_READS = 8;

/** A record kind whose table a row projection builds, and the stream category its records live in (`lead-<id>`). */
export interface AuditedRecord {
  /** The API's name for it, as `history(entity)` takes it: lead, client, product, quote, order, invoice. */
  entity: string;
  category: string;
  projection: RowProjection;
}

export const AUDITED_RECORDS = Symbol('AUDITED_RECORDS');

/** A knownAt argument the API was given: a date in the past or now (a future moment is refused: it is not known yet). */
export const checkKnownAt = (knownAt: Date | undefined | null, now: Date): Date | undefined => {
  if (knownAt === undefined || knownAt === null) return undefined;
  if (Number.isNaN(knownAt.getTime())) throw new BadInputError({ knownAt: ['knownAt must be a date and time such as 2026-04-05T09:00:00Z'] });
  return knownAt.getTime() > now.getTime() ? now : knownAt;
};

/** Reads records' events from the log for "as known at" and folds them with their projections. */
@Injectable()
export class RecordLog {
  private readonly byTable: Map<string, AuditedRecord>;
  private readonly byEntity: Map<string, AuditedRecord>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDITED_RECORDS) readonly records: readonly AuditedRecord[],
  ) {
    this.byTable = new Map(records.map((record) => [record.projection.table, record]));
    this.byEntity = new Map(records.map((record) => [record.entity, record]));
  }

  record(entity: string): AuditedRecord | undefined {
    return this.byEntity.get(entity);
  }

  hasTable(table: string): boolean {
    return this.byTable.has(table);
  }

  /** The stream's events of the tenant (none if any event is another tenant's: such a record does not exist for this caller). */
  async streamEvents(tenantId: string, streamName: string, cache?: Map<string, RecordedEvent[]>): Promise<RecordedEvent[]> {
    const cached = cache?.get(streamName);
    if (cached) return cached;
    const events = await this.store.readStream(streamName);
    const mine = events.some((event) => event.metadata.tenantId !== tenantId) ? [] : events;
    cache?.set(streamName, mine);
    return mine;
  }

  /**
   * Several streams' events of the tenant, in one read where the store can (PostgreSQL: one indexed
   * query), else a few at a time; each stream cached as `streamEvents` caches it. A stream with
   * another tenant's event reads as empty.
   */
  async streamsEvents(tenantId: string, streamNames: readonly string[], cache?: Map<string, RecordedEvent[]>): Promise<Map<string, RecordedEvent[]>> {
    const found = new Map<string, RecordedEvent[]>();
    const missing: string[] = [];
    for (const name of new Set(streamNames)) {
      const cached = cache?.get(name);
      if (cached) found.set(name, cached);
      else missing.push(name);
    }
    const read = new Map<string, RecordedEvent[]>(missing.map((name) => [name, []]));
    if (this.store.readStreams) {
      for (const event of await this.store.readStreams(missing)) read.get(event.streamName)?.push(event);
    } else {
      for (let i = 0; i < missing.length; i += PARALLEL_READS) {
        const names = missing.slice(i, i + PARALLEL_READS);
        (await Promise.all(names.map((name) => this.store.readStream(name)))).forEach((events, j) => read.set(names[j], events));
      }
    }
    for (const [name, events] of read) {
      const mine = events.some((event) => event.metadata.tenantId !== tenantId) ? [] : events;
      cache?.set(name, mine);
      found.set(name, mine);
    }
    return found;
  }

  /** The events of these streams known at the moment, all in log order (for figures summed over many records, such as a client's). */
  async eventsKnown(tenantId: string, streamNames: readonly string[], moment: KnownAtMoment): Promise<RecordedEvent[]> {
    const within = knownBy(moment);
    const events = [...(await this.streamsEvents(tenantId, streamNames, moment.cache)).values()].flat().filter(within);
    return events.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }

  /** The rows of `table` for `ids` as the moment knew them (the records that did not exist then are left out), streams read at once. */
  async rowsAt(tenantId: string, table: string, ids: readonly string[], moment: KnownAtMoment): Promise<Map<string, Record<string, unknown>>> {
    const record = this.byTable.get(table);
    if (!record) throw new Error(`knownAt: no projection builds ${table}`);
    const within = knownBy(moment);
    const streams = await this.streamsEvents(
      tenantId,
      ids.map((id) => `${record.category}-${id}`),
      moment.cache,
    );
    const rows = new Map<string, Record<string, unknown>>();
    for (const id of new Set(ids)) {
      const row = record.projection.foldRow((streams.get(`${record.category}-${id}`) ?? []).filter(within), id) as Record<string, unknown> | null;
      if (row) rows.set(id, row);
    }
    return rows;
  }

  /** The row of `table` for `id` as the moment knew it, in the table's column names, or null. */
  async rowAt(tenantId: string, table: string, id: string, moment: KnownAtMoment): Promise<Record<string, unknown> | null> {
    const record = this.byTable.get(table);
    if (!record) throw new Error(`knownAt: no projection builds ${table}`);
    const events = (await this.streamEvents(tenantId, `${record.category}-${id}`, moment.cache)).filter(knownBy(moment));
    return record.projection.foldRow(events, id) as Record<string, unknown> | null;
  }

  /** The tenant's events of these types known at the moment, in log order (the ledger's reports as the books stood then). */
  async tenantEvents(tenantId: string, types: readonly string[], moment: KnownAtMoment): Promise<RecordedEvent[]> {
    const within = knownBy(moment);
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readAll({ filter: { tenantId, eventTypePrefixes: [...types] } })) if (within(event)) events.push(event);
    return events;
  }
}

/** Runs `read` as known at `knownAt` (a query's knownAt argument), or as it is now without one. */
export const asKnownAt = <T>(knownAt: Date | undefined | null, read: () => T): T =>
  knownAt ? knownAtScope.run({ knownAt: checkKnownAt(knownAt, new Date()) }, read) : read();
