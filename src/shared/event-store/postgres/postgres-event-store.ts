import type { Notification, Pool, PoolClient, QueryArrayConfig, QueryArrayResult } from 'pg';
import {
  AppendResult,
  EventFilter,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  IdempotencyConflictError,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { NOTIFY_CHANNEL, SQLSTATE } from './postgres-event-store.schema';

export interface PostgresEventStoreOptions {
  /** How often an idle subscription looks for events it was not notified of. Default 1000. */
  pollIntervalMs?: number;
}

/**
 * readAll's page. Small enough that a page's events are usually consumed before V8's young
 * generation fills: with 5000 or 10000 they outlive it and are promoted, and the extra garbage
 * collection cost ≈40-60% more CPU per event (measured: ≈5.3 µs at 1000-2000, 7.2 at 5000, 8.6 at
 * 10000); the next page is read while this one is consumed, so the extra round trips are hidden.
 */
const READ_BATCH = 2000;
/** Attempts of an append with expected revision 'any' that keeps meeting concurrent appends to its stream (each round, one of them wins). */
const MAX_ANY_ATTEMPTS = 100;
const SUBSCRIPTION_BATCH = 500;
/** Ranges of at most this many positions near the head are served from the shared tail... */
const TAIL_SPAN = 1000n;
/** ...which keeps this many recent events. */
const TAIL_KEEP = 5000;
/**
 * Delays before re-checking events held back by an older transaction still in flight, doubling
 * from the first to the last. Kept short: the transaction that ends the hold need not be an append
 * (the snapshot's xmin counts every transaction with an xid, projector commits included), so no
 * notification may announce it, and a re-check is one small indexed query.
 */
const HELD_BACK_RECHECK_MS = { first: 5, max: 50 };
const LISTENER_RETRY_MS = 1000;

/**
 * A page of events comes back as plain rows whose columns all arrive as their text output (no pg
 * type parsers), parsed once here. Measured against building the page as one JSON text in the
 * server (string_agg of concatenations): that took the server ≈3× the CPU of these rows, and the
 * server shares the machine's cores with this process. Positions and revisions stay bigint-exact
 * as text; the time travels as epoch milliseconds, what a Date holds.
 */
const EVENT_COLUMNS = `e.position, e.event_id, e.stream_name, e.revision, e.type, e.data, e.metadata,
  (date_part('epoch', e.recorded_at) * 1000)::int8`;
const RAW_TEXT = { getTypeParser: () => (text: string) => text };

const parseEvents = (result: QueryArrayResult<string[]>): RecordedEvent[] => {
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
const pageQuery = (inner: string, order: string, values: unknown[]): QueryArrayConfig => ({
  text: `SELECT ${EVENT_COLUMNS} FROM (${inner}) e ORDER BY ${order}`,
  values,
  rowMode: 'array',
  types: RAW_TEXT,
});

/** `LIKE` patterns matching strings that start with `prefix`. */
const prefixPatterns = (prefixes: string[] | undefined): string[] | null =>
  prefixes === undefined ? null : prefixes.map((prefix) => `${prefix.replace(/[\\%_]/g, '\\$&')}%`);

/**
 * Highest position at or below which everything that will ever be visible already is, and the
 * highest position stored, visible or not (events above the first and at or below the second are
 * held back by an older append still in flight; see es_heads in the schema); then the events after
 * $1 up to the first, at most $2 positions (es_poll).
 */
const POLL_SQL = `SELECT e.visible_head, e.stored_head, ${EVENT_COLUMNS} FROM es_poll($1, $2) WITH ORDINALITY e ORDER BY e.ordinality`;

/** Events in (after, upTo], both bounds below the visible head, so no visibility check per row. */
const rangeQuery = (after: bigint, upTo: bigint, limit: number, filter: EventFilter | undefined): QueryArrayConfig =>
  pageQuery(
    `SELECT * FROM es_events
      WHERE position > $1 AND position <= $2
        AND ($3::text[] IS NULL OR type LIKE ANY ($3))
        AND ($4::text[] IS NULL OR stream_name LIKE ANY ($4))
      ORDER BY position LIMIT $5`,
    'e.position',
    [after.toString(), upTo.toString(), prefixPatterns(filter?.eventTypePrefixes), prefixPatterns(filter?.streamPrefixes), limit],
  );

/**
 * A wake-up call in its own transaction, committed without waiting for its WAL flush: a
 * transaction that has queued a NOTIFY holds a database-wide lock until its commit is flushed,
 * so with synchronous commit every notification (and every projection checkpoint that notifies)
 * would queue behind one fsync at a time. It carries no data: nothing is lost if a crash drops it.
 */
export const NOTIFY_SQL = `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`;

/**
 * Announces positions on a channel (see NOTIFY_SQL), at most one NOTIFY in flight: positions
 * reached while one is under way only raise the position the next one carries (a wake-up at a
 * higher position serves every listener below it). Not awaited by the caller: what it announces
 * has committed whatever becomes of the announcement.
 */
export class PositionNotifier {
  private pending: bigint | undefined;
  private inFlight = false;
  /** Backend process ids of the connections this notifier sent from: a listener in this process can skip its own. */
  readonly senders = new Set<number>();

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly payload: (position: bigint) => string,
  ) {}

  notify(position: bigint): void {
    if (this.pending === undefined || position > this.pending) this.pending = position;
    if (this.inFlight) return;
    const next = this.pending;
    this.pending = undefined;
    this.inFlight = true;
    this.send(next)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.pending !== undefined) this.notify(this.pending);
      });
  }

  private async send(position: bigint): Promise<void> {
    const client = await this.pool.connect();
    const pid = (client as PoolClient & { processID?: number }).processID;
    if (pid !== undefined && !this.senders.has(pid)) {
      this.senders.add(pid);
      client.once('end', () => this.senders.delete(pid));
    }
    try {
      await client.query({ name: 'es_notify', text: NOTIFY_SQL, values: [this.channel, this.payload(position)] });
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }
}

const isPgError = (error: unknown, code: string): error is Error & { code: string; detail?: string; constraint?: string } =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

/**
 * The event store in PostgreSQL tables (schema and the append protocol: ./postgres-event-store.schema.ts).
 * Meant for one node and development; EventStoreDB holds the log at scale.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  private readonly pollIntervalMs: number;
  private readonly listener: NotificationListener;
  /** Wakes subscriptions in other processes; a lost wake-up only delays delivery until the next poll. */
  private readonly notifier: PositionNotifier;

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.notifier = new PositionNotifier(pool, NOTIFY_CHANNEL, (position) => position.toString());
    this.listener = new NotificationListener(pool, (backendPid) => this.notifier.senders.has(backendPid));
  }

  async appendToStream(streamName: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Stream ${streamName}: an append needs at least one event`);
    const ids = new Set(events.map((event) => event.id));
    if (ids.size !== events.length) throw new RangeError(`Stream ${streamName}: the same event id appears twice in one append`);
    const payload = JSON.stringify(events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })));
    const expected = options.expectedRevision;
    // A concurrent append of the same ids surfaces as a unique violation once it commits;
    // the second attempt then sees those events and answers as an idempotent repeat would.
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<[string, string, boolean]>({
          // Named: each connection parses and plans it once, not on every append.
          name: 'es_append',
          text: 'SELECT next_revision::text, last_position::text, idempotent FROM es_append($1, $2, $3)',
          values: [streamName, typeof expected === 'bigint' ? expected.toString() : expected, payload],
          rowMode: 'array',
        });
        const [nextRevision, position, idempotent] = rows[0];
        const result = { nextRevision: BigInt(nextRevision), position: BigInt(position) };
        if (!idempotent) {
          // This process's subscriptions need no round trip through the server.
          this.listener.wakeAll(result.position);
          this.notifier.notify(result.position);
        }
        return result;
      } catch (error) {
        if (isPgError(error, SQLSTATE.wrongExpectedRevision)) {
          const actual = BigInt(error.detail ?? '-1');
          throw new WrongExpectedRevisionError(streamName, expected, actual < 0n ? 'no_stream' : actual);
        }
        if (isPgError(error, SQLSTATE.idempotencyConflict)) throw new IdempotencyConflictError(streamName, error.detail ?? '');
        if (isPgError(error, '23505') && error.constraint === 'es_events_event_id_key' && attempt === 1) continue;
        if (isPgError(error, '23505') && error.constraint === 'es_events_stream_revision_key') {
          // Another append took the revision first (see es_append): 'any' tries again on top of
          // it; any other expectation was wrong.
          if (expected === 'any' && attempt < MAX_ANY_ATTEMPTS) continue;
          const actual = await this.lastRevision(streamName);
          throw new WrongExpectedRevisionError(streamName, expected, actual < 0n ? 'no_stream' : actual);
        }
        throw error;
      }
    }
  }


  private async lastRevision(streamName: string): Promise<bigint> {
    const { rows } = await this.pool.query<[string]>({
      text: 'SELECT coalesce(max(revision), -1)::text FROM es_events WHERE stream_name = $1',
      values: [streamName],
      rowMode: 'array',
    });
    return BigInt(rows[0][0]);
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const order = `revision ${backwards ? 'DESC' : 'ASC'}`;
    const result = await this.pool.query<[string]>(
      pageQuery(
        `SELECT * FROM es_events
          WHERE stream_name = $1
            AND ($2::bigint IS NULL OR revision ${backwards ? '<=' : '>='} $2)
            AND ($3::bigint IS NULL OR revision ${backwards ? '>=' : '<='} $3)
          ORDER BY ${order} LIMIT $4`,
        `e.${order}`,
        [streamName, options.fromRevision?.toString() ?? null, options.toRevision?.toString() ?? null, options.maxCount ?? null],
      ),
    );
    return parseEvents(result);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    const [visibleHead] = await this.heads();
    const page = (after: bigint) => this.range(after, visibleHead, Math.min(READ_BATCH, remaining), options.filter);
    let next = remaining > 0 && (options.after ?? 0n) < visibleHead ? page(options.after ?? 0n) : undefined;
    while (next) {
      const events = await next;
      const full = events.length === Math.min(READ_BATCH, remaining);
      remaining -= events.length;
      // The server builds the next page while this one is consumed.
      next = full && remaining > 0 ? page(events[events.length - 1].position) : undefined;
      // A prefetch the consumer never waits for (it stopped early) must not become an unhandled rejection.
      next?.catch(() => undefined);
      // Not yield*: delegating costs more per event than a plain loop.
      for (const event of events) yield event;
    }
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    return new PostgresSubscription(this, this.listener, options, handler, this.pollIntervalMs);
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<[string]>({ text: 'SELECT coalesce(max(position), 0)::text FROM es_events', rowMode: 'array' });
    return BigInt(rows[0][0]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.listener.subscribers].map((subscription) => subscription.stop()));
    await this.listener.close();
  }

  /**
   * @internal [visible head, stored head]: see es_heads in the schema. Concurrent callers (every subscription
   * wakes on the same append) share one query: a caller arriving while one is under way gets the
   * next one, which starts after it asked, so no caller gets an answer older than its call. A
   * caller that only needs the wake-ups seen so far (`sinceWakeUp`: the listener's count when it
   * asked) may join the query under way if that started after them: the 15 subscriptions woken by
   * one append then share one query instead of two.
   */
  heads(options: { sinceWakeUp?: number } = {}): Promise<[bigint, bigint]> {
    if (this.headsInFlight && options.sinceWakeUp !== undefined && this.headsInFlightWakeUps >= options.sinceWakeUp) return this.headsInFlight;
    if (!this.headsInFlight) return this.startHeads();
    this.headsNext ??= this.headsInFlight
      .catch(() => undefined)
      .then(() => {
        this.headsNext = undefined;
        return this.startHeads();
      });
    return this.headsNext;
  }

  private headsInFlight: Promise<[bigint, bigint]> | undefined;
  /** The listener's wake-up count when the query under way started. */
  private headsInFlightWakeUps = -1;
  private headsNext: Promise<[bigint, bigint]> | undefined;

  /**
   * The heads, and with them (same round trip, see es_poll) the events past the tail up to the
   * visible head: subscriptions woken by an append then find its events in the tail.
   */
  private startHeads(): Promise<[bigint, bigint]> {
    const tail = this.tail;
    const after = tail.to >= 0n && !this.tailRead ? tail.to : null;
    this.headsInFlightWakeUps = this.listener.wakeUps;
    const query = this.pool
      .query<string[]>({ name: 'es_poll', text: POLL_SQL, values: [after?.toString() ?? null, TAIL_SPAN.toString()], rowMode: 'array', types: RAW_TEXT })
      .then((result): [bigint, bigint] => {
        const visible = BigInt(result.rows[0][0]);
        const stored = BigInt(result.rows[0][1]);
        if (this.tail === tail && !this.tailRead) {
          if (after === null) this.tail = { from: visible, to: visible, events: [] };
          else {
            const upTo = visible < after + TAIL_SPAN ? visible : after + TAIL_SPAN;
            const events = parseEvents({ ...result, rows: result.rows.slice(1).map((row) => row.slice(2)) });
            if (upTo > after) this.extendTail(tail, after, upTo, events);
          }
        }
        return [visible, stored];
      })
      .finally(() => {
        if (this.headsInFlight === query) this.headsInFlight = undefined;
      });
    this.headsInFlight = query;
    return query;
  }

  /**
   * @internal Matching events in (after, upTo], upTo at most a visible head. Near the head, every
   * subscription asks for the same few new events after each append: one unfiltered read into the
   * tail (recent events, immutable once below a visible head) serves them all, each filtering and
   * getting its own copies.
   */
  async range(after: bigint, upTo: bigint, limit: number, filter: EventFilter | undefined): Promise<RecordedEvent[]> {
    const recent = upTo - after <= TAIL_SPAN ? await this.fromTail(after, upTo) : undefined;
    if (!recent) return parseEvents(await this.pool.query<[string]>(rangeQuery(after, upTo, limit, filter)));
    const types = filter?.eventTypePrefixes;
    const streams = filter?.streamPrefixes;
    const matching: RecordedEvent[] = [];
    for (const event of recent) {
      if (matching.length >= limit) break;
      if (types && !types.some((prefix) => event.type.startsWith(prefix))) continue;
      if (streams && !streams.some((prefix) => event.streamName.startsWith(prefix))) continue;
      matching.push({
        ...event,
        data: structuredClone(event.data),
        metadata: structuredClone(event.metadata),
        recordedAt: new Date(event.recordedAt.getTime()),
      });
    }
    return matching;
  }

  /** Every event in (from, to], in order. */
  private tail: { from: bigint; to: bigint; events: RecordedEvent[] } = { from: -1n, to: -1n, events: [] };
  private tailRead: Promise<void> | undefined;

  /** Every event in (after, upTo] from the tail, extending it first; undefined if too far off. */
  private async fromTail(after: bigint, upTo: bigint): Promise<RecordedEvent[] | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const tail = this.tail;
      if (after >= tail.from && upTo <= tail.to) return eventsBetween(tail.events, after, upTo);
      if (this.tailRead) {
        await this.tailRead.catch(() => undefined);
        continue;
      }
      const extend = after >= tail.from && after <= tail.to;
      const from = extend ? tail.to : after;
      if (upTo - from > TAIL_SPAN) return undefined;
      const read = this.pool
        .query<[string]>(rangeQuery(from, upTo, Number(upTo - from), undefined))
        .then((result) => this.extendTail(tail, from, upTo, parseEvents(result)));
      this.tailRead = read.finally(() => (this.tailRead = undefined));
      await this.tailRead;
    }
    return undefined;
  }

  /** The tail becomes `base` followed by `events`, every event in (from, upTo], when they join up (else those alone), at most TAIL_KEEP. */
  private extendTail(base: { from: bigint; to: bigint; events: RecordedEvent[] }, from: bigint, upTo: bigint, events: RecordedEvent[]) {
    const joins = this.tail === base && from === base.to;
    const all = joins ? [...base.events, ...events] : events;
    let start = joins ? base.from : from;
    const drop = all.length - TAIL_KEEP;
    if (drop > 0) start = all[drop - 1].position;
    this.tail = { from: start, to: upTo, events: drop > 0 ? all.slice(drop) : all };
  }
}

/**
 * The events of `events` (in position order) in (after, upTo], found by binary search: every
 * subscription asks the tail after every append, and a scan of the whole tail (thousands of events)
 * per subscription per pass was most of the app's CPU per command (measured: ≈190 µs per scan).
 */
const eventsBetween = (events: RecordedEvent[], after: bigint, upTo: bigint): RecordedEvent[] => {
  const firstAbove = (bound: bigint) => {
    let low = 0;
    let high = events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (events[middle].position <= bound) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return events.slice(firstAbove(after), firstAbove(upTo));
};

interface Wakeable {
  /** Whether the position was news to it. */
  wake(position: bigint): boolean;
  stop(): Promise<void>;
}

/**
 * One LISTEN connection per store, shared by its subscriptions, held only while one runs. If the
 * connection fails, it is replaced after a pause; subscriptions poll in the meantime.
 */
class NotificationListener {
  readonly subscribers = new Set<Wakeable>();
  private client: PoolClient | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly isOwn: (backendPid: number) => boolean = () => false,
  ) {}

  /** Resolves once LISTEN is in place (or has failed: polling still delivers). */
  async add(subscriber: Wakeable): Promise<void> {
    this.subscribers.add(subscriber);
    await this.connect();
  }

  async remove(subscriber: Wakeable): Promise<void> {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) await this.close();
  }

  /** Gives the connection back once no subscription needs it. */
  async close(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.connecting;
    if (this.subscribers.size > 0) return;
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.query(`UNLISTEN ${NOTIFY_CHANNEL}`);
      this.detach(client);
    } catch (error) {
      this.detach(client, error);
    }
  }

  private connect(): Promise<void> {
    if (this.client || this.subscribers.size === 0) return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<void> {
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      client.on('error', this.onError);
      client.on('notification', this.onNotification);
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (this.subscribers.size === 0) {
        await client.query(`UNLISTEN ${NOTIFY_CHANNEL}`);
        this.detach(client);
        return;
      }
      this.client = client;
    } catch (error) {
      if (client) this.detach(client, error);
      this.scheduleRetry();
    }
  }

  private readonly onNotification = (message: Notification) => {
    if (message.channel !== NOTIFY_CHANNEL) return;
    // This process's own appends woke its subscriptions already.
    if (this.isOwn(message.processId)) return;
    this.wakeAll(message.payload ? BigInt(message.payload) : 0n);
  };

  /** Wake-ups so far (appends of this process, notifications of others). */
  wakeUps = 0;

  wakeAll(position: bigint) {
    let woke = false;
    for (const subscriber of this.subscribers) woke = subscriber.wake(position) || woke;
    // Counted only when it woke someone: a wake-up that nobody needed asks no poll of anyone.
    if (woke) this.wakeUps++;
  }

  private readonly onError = (error: Error) => {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.detach(client, error);
    this.scheduleRetry();
  };

  /** Back to the pool without our handlers (a broken connection is discarded). */
  private detach(client: PoolClient, error?: unknown) {
    client.off('error', this.onError);
    client.off('notification', this.onNotification);
    client.release(error === undefined ? undefined : error instanceof Error ? error : true);
  }

  private scheduleRetry() {
    if (this.subscribers.size === 0 || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, LISTENER_RETRY_MS);
    this.retryTimer.unref();
  }
}

/**
 * A catch-up subscription. Each pass reads the visible head, delivers every matching event up to
 * it, then sleeps until a notification, a poll, or (when an older append still in flight holds
 * events back) a quick re-check with back-off.
 */
class PostgresSubscription implements Subscription, Wakeable {
  private position: bigint;
  private stopped = false;
  private notified = false;
  private sleeping: { resolve: () => void } | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly store: PostgresEventStore,
    private readonly listener: NotificationListener,
    private readonly options: SubscribeOptions,
    private readonly handler: SubscriptionHandler,
    private readonly pollIntervalMs: number,
  ) {
    this.position = options.after;
    this.loop = this.run();
  }

  wake(position: bigint): boolean {
    if (position !== 0n && position <= this.position) return false;
    this.notified = true;
    this.sleeping?.resolve();
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeping?.resolve();
    await this.loop;
  }

  private async run(): Promise<void> {
    try {
      // Listen before the first read, so nothing appended after it goes unnoticed.
      await this.listener.add(this);
      let firstPass = true;
      let recheckMs = HELD_BACK_RECHECK_MS.first;
      let lastVisibleHead = -1n;
      while (!this.stopped) {
        const notified = this.notified;
        this.notified = false;
        const [visibleHead, storedHead] = await this.store.heads({ sinceWakeUp: this.listener.wakeUps });
        const delivered = await this.deliverUpTo(visibleHead);
        if (this.stopped) break;
        if (firstPass || notified || delivered) this.handler.onCaughtUp?.(this.position);
        firstPass = false;
        // Progress means holds are short-lived right now: start the back-off again.
        if (visibleHead > lastVisibleHead) recheckMs = HELD_BACK_RECHECK_MS.first;
        lastVisibleHead = visibleHead;
        if (this.notified) continue;
        if (storedHead > visibleHead) {
          await this.sleep(Math.min(recheckMs, this.pollIntervalMs));
          recheckMs = Math.min(recheckMs * 2, HELD_BACK_RECHECK_MS.max);
        } else {
          await this.sleep(this.pollIntervalMs);
        }
      }
    } catch (error) {
      this.stopped = true;
      this.handler.onError?.(error);
    } finally {
      this.stopped = true;
      await this.listener.remove(this);
    }
  }

  /** Returns whether any event was handed to the handler. */
  private async deliverUpTo(visibleHead: bigint): Promise<boolean> {
    const batchSize = this.options.batchSize ?? SUBSCRIPTION_BATCH;
    let delivered = false;
    while (!this.stopped && this.position < visibleHead) {
      const events = await this.store.range(this.position, visibleHead, batchSize, this.options.filter);
      if (events.length > 0) {
        await this.handler.handle(events);
        delivered = true;
      }
      // A short batch means nothing else matches up to the visible head.
      this.position = events.length < batchSize ? visibleHead : events[events.length - 1].position;
    }
    return delivered;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeping = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeping = { resolve: done };
    });
  }
}
