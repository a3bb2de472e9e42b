import type { Pool } from 'pg';
import { EventFilter, RecordedEvent } from '../event-store.port';
import { parseEvents, POLL_SQL, RAW_TEXT, rangeQuery } from './event-rows';
import type { NotificationListener } from './notification-listener';

/** Ranges of at most this many positions near the head are served from the shared tail... */
const TAIL_SPAN = 1000n;
/** ...which keeps this many recent events. */
const TAIL_KEEP = 5000;

interface Tail {
  /** Every event in (from, to], in order. */
  from: bigint;
  to: bigint;
  events: RecordedEvent[];
}

/**
 * What subscriptions and readAll read the log through: the heads (how far is safe to read) and
 * ranges of events, with the recent events kept in a shared tail, so that the subscriptions woken
 * by one append share one query instead of each asking for the same few events.
 */
export class EventFeed {
  private headsInFlight: Promise<[bigint, bigint]> | undefined;
  /** The listener's wake-up count when the query under way started. */
  private headsInFlightWakeUps = -1;
  private headsNext: Promise<[bigint, bigint]> | undefined;
  private tail: Tail = { from: -1n, to: -1n, events: [] };
  private tailRead: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly listener: NotificationListener,
  ) {}

  /**
   * [visible head, stored head]: see es_heads in the schema. Concurrent callers (every subscription
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
   * Matching events in (after, upTo], upTo at most a visible head. Near the head, every
   * subscription asks for the same few new events after each append: one unfiltered read into the
   * tail (recent events, immutable once below a visible head) serves them all, each filtering and
   * getting its own copies.
   */
  async range(after: bigint, upTo: bigint, limit: number, filter: EventFilter | undefined, uncached = false): Promise<RecordedEvent[]> {
    const recent = !uncached && upTo - after <= TAIL_SPAN ? await this.fromTail(after, upTo) : undefined;
    if (!recent) return parseEvents(await this.pool.query<[string]>(rangeQuery(after, upTo, limit, filter)));
    const types = filter?.eventTypePrefixes;
    const streams = filter?.streamPrefixes;
    const matching: RecordedEvent[] = [];
    for (const event of recent) {
      if (matching.length >= limit) break;
      if (types && !types.some((prefix) => event.type.startsWith(prefix))) continue;
      if (streams && !streams.some((prefix) => event.streamName.startsWith(prefix))) continue;
      if (filter?.tenantId !== undefined && event.metadata.tenantId !== filter.tenantId) continue;
      matching.push({
        ...event,
        data: structuredClone(event.data),
        metadata: structuredClone(event.metadata),
        recordedAt: new Date(event.recordedAt.getTime()),
      });
    }
    return matching;
  }

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
  private extendTail(base: Tail, from: bigint, upTo: bigint, events: RecordedEvent[]) {
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
