import type { EventFilter, EventStore, RecordedEvent } from '../shared/event-store/event-store.port';
import { CloudEvent, MissingHistory, StreamHistory } from '../shared/integration/integration-event';

/** The mapping the translator runs: pure, reading earlier events from the history it is given. */
export type IntegrationMap = (recorded: RecordedEvent, history: StreamHistory) => CloudEvent | null;

const MIN_STREAMS = 4;

interface HeldStream {
  /** A prefix of the stream, oldest first: every event up to `lastRevision`. */
  events: RecordedEvent[];
  lastRevision: bigint;
  /** Every event of the stream at or before this position is in `events`. */
  coveredThrough: bigint;
}

/**
 * The history integration mappings read, held per stream and loaded from the store on demand.
 * Events are mapped in log order, so once a stream is held, each of its later events extends it
 * (`record`) and nothing is read again; a stream's first event needs no read at all. Bounded: the
 * streams least recently used are dropped past `maxStreams` (and read again when needed).
 */
export class StoreHistory implements StreamHistory {
  private readonly streams = new Map<string, HeldStream>();
  private reads = 0;

  private readonly maxStreams: number;

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    maxStreams = 10_000,
  ) {
    // One event's payload may fold two streams (an invoice's and its client's): never hold fewer.
    this.maxStreams = Math.max(MIN_STREAMS, maxStreams);
  }

  /** Stream reads since start (for tests and figures). */
  get readCount(): number {
    return this.reads;
  }

  before(event: RecordedEvent): readonly RecordedEvent[] {
    if (event.revision === 0n) return [];
    const held = this.held(event.streamName);
    if (!held || held.lastRevision < event.revision - 1n) throw new MissingHistory(event.streamName, event.position);
    return held.lastRevision === event.revision - 1n ? held.events : held.events.filter((e) => e.revision < event.revision);
  }

  upTo(streamName: string, position: bigint): readonly RecordedEvent[] {
    const held = this.held(streamName);
    if (!held || held.coveredThrough < position) throw new MissingHistory(streamName, position);
    return held.events.filter((e) => e.position <= position);
  }

  /** After `event` was mapped: it extends its stream's held prefix when it is the next revision. */
  record(event: RecordedEvent): void {
    const held = this.streams.get(event.streamName);
    if (held) {
      if (held.lastRevision !== event.revision - 1n) return;
      held.events = [...held.events, event];
      held.lastRevision = event.revision;
      if (event.position > held.coveredThrough) held.coveredThrough = event.position;
    } else if (event.revision === 0n) {
      this.hold(event.streamName, { events: [event], lastRevision: 0n, coveredThrough: event.position });
    }
  }

  /**
   * Reads the stream a mapping missed. The missing event at `position` was seen in the log, and so
   * was the batch it came in, up to `seenThrough`: every event of the stream at or before that had
   * committed when this read began (the log hands out only positions nothing can commit below), so
   * the read covers them.
   */
  async load(missing: MissingHistory, seenThrough = missing.position): Promise<void> {
    this.reads++;
    const events = await this.store.readStream(missing.streamName);
    const last = events[events.length - 1];
    let coveredThrough = seenThrough > missing.position ? seenThrough : missing.position;
    if (last && last.position > coveredThrough) coveredThrough = last.position;
    this.hold(missing.streamName, { events, lastRevision: last?.revision ?? -1n, coveredThrough });
  }

  private held(streamName: string): HeldStream | undefined {
    const held = this.streams.get(streamName);
    if (held) {
      // Most recently used last.
      this.streams.delete(streamName);
      this.streams.set(streamName, held);
    }
    return held;
  }

  private hold(streamName: string, held: HeldStream) {
    this.streams.delete(streamName);
    this.streams.set(streamName, held);
    while (this.streams.size > this.maxStreams) this.streams.delete(this.streams.keys().next().value!);
  }
}

export interface Translated {
  recorded: RecordedEvent;
  event: CloudEvent;
}

/** A batch mapped up to its first event that failed (if one did): what came before it can be delivered. */
export interface TranslatedBatch {
  translated: Translated[];
  failure?: { event: RecordedEvent; error: unknown };
}

const LOAD_CONCURRENCY = 16;
const MAX_LOADS_PER_EVENT = 4;

/**
 * Turns stored events into integration events, loading the history their payloads fold (an
 * invoice's number and balance for `billing.invoice.sent.v1`) from the store. The sync path maps
 * a batch from the history already held (most batches, once the streams are held); the async one
 * reads what is missing first.
 */
export class IntegrationTranslator {
  readonly history: StoreHistory;

  constructor(
    store: Pick<EventStore, 'readStream'>,
    private readonly map: IntegrationMap,
    options: { maxStreams?: number } = {},
  ) {
    this.history = new StoreHistory(store, options.maxStreams);
  }

  /** The batch mapped from the history held, or null when some of it must be read first. A mapping's own error is thrown. */
  tryTranslate(events: readonly RecordedEvent[]): Translated[] | null {
    const translated: Translated[] = [];
    for (const recorded of events) {
      try {
        const event = this.map(recorded, this.history);
        this.history.record(recorded);
        if (event) translated.push({ recorded, event });
      } catch (error) {
        if (error instanceof MissingHistory) return null;
        throw error;
      }
    }
    return translated;
  }

  /** The batch mapped, reading the missing history (in parallel, then one event at a time for what the first pass could not know). */
  async translate(events: readonly RecordedEvent[]): Promise<TranslatedBatch> {
    // Every event of the batch was seen in the log: what the store holds up to the last one is complete.
    const seenThrough = events.length > 0 ? events[events.length - 1].position : 0n;
    const missing = new Map<string, MissingHistory>();
    // A stream whose event missed: its later events wait for the second pass (they will extend what the first one loads).
    const waiting = new Set<string>();
    for (const recorded of events) {
      if (waiting.has(recorded.streamName)) continue;
      try {
        this.map(recorded, this.history);
        this.history.record(recorded);
      } catch (error) {
        if (!(error instanceof MissingHistory)) break;
        waiting.add(recorded.streamName);
        if (!missing.has(error.streamName)) missing.set(error.streamName, error);
      }
    }
    const loads = [...missing.values()];
    for (let i = 0; i < loads.length; i += LOAD_CONCURRENCY)
      await Promise.all(loads.slice(i, i + LOAD_CONCURRENCY).map((m) => this.history.load(m, seenThrough)));

    const translated: Translated[] = [];
    for (const recorded of events) {
      for (let attempt = 1; ; attempt++) {
        try {
          const event = this.map(recorded, this.history);
          this.history.record(recorded);
          if (event) translated.push({ recorded, event });
          break;
        } catch (error) {
          if (!(error instanceof MissingHistory) || attempt > MAX_LOADS_PER_EVENT) return { translated, failure: { event: recorded, error } };
          await this.history.load(error, seenThrough);
        }
      }
    }
    return { translated };
  }
}

/**
 * The integration events of a stretch of the log, in log order with the stored events they came
 * from, a batch at a time: what a replay or a backfill delivers, with the same ids and payloads as
 * the first time (the history each payload folds is read from the store). An event that cannot be
 * mapped throws, naming it.
 */
export async function* translatedLog(
  store: Pick<EventStore, 'readAll' | 'readStream'>,
  map: IntegrationMap,
  options: { after?: bigint; filter?: EventFilter; batchSize?: number } = {},
): AsyncGenerator<Translated[]> {
  const translator = new IntegrationTranslator(store, map);
  const size = options.batchSize ?? 1000;
  let batch: RecordedEvent[] = [];
  const flush = async () => {
    const { translated, failure } = await translator.translate(batch);
    batch = [];
    if (failure) throw new Error(`${failure.event.type} at position ${failure.event.position}: ${(failure.error as Error)?.message ?? String(failure.error)}`);
    return translated;
  };
  for await (const recorded of store.readAll({ after: options.after ?? 0n, filter: options.filter })) {
    batch.push(recorded);
    if (batch.length >= size) yield await flush();
  }
  if (batch.length > 0) yield await flush();
}
