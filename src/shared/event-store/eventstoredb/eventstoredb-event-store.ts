import {
  ANY,
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  Filter,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import type { JSONType } from '@eventstore/db-client';
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

const SUBSCRIPTION_BATCH = 500;

/** The fields of a recorded event this adapter reads, whether it came from a stream or from $all. */
interface EsdbRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: { commit: bigint; prepare: bigint };
}

const toExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : expected === 'stream_exists' ? STREAM_EXISTS : expected;

/** Our positions are EventStoreDB commit positions; resuming passes the same number as both halves. */
const toPosition = (position: bigint) => ({ commit: position, prepare: position });

/**
 * Whether a record lies at or before the checkpoint `{commit: after, prepare: after}`: reads of $all
 * include their start position. Compared as a pair so that, should events of one append share a
 * commit position, the ones after the checkpoint are still delivered.
 */
const atOrBefore = (position: { commit: bigint; prepare: bigint }, after: bigint) =>
  position.commit < after || (position.commit === after && position.prepare <= after);

const isSystem = (record: EsdbRecord) => record.type.startsWith('$') || record.streamId.startsWith('$');

const matches = (record: EsdbRecord, filter: EventFilter | undefined): boolean =>
  (filter?.eventTypePrefixes === undefined || filter.eventTypePrefixes.some((prefix) => record.type.startsWith(prefix))) &&
  (filter?.streamPrefixes === undefined || filter.streamPrefixes.some((prefix) => record.streamId.startsWith(prefix))) &&
  (filter?.tenantId === undefined || (record.metadata as Partial<EventMetadata> | undefined)?.tenantId === filter.tenantId);

const toRecordedEvent = (record: EsdbRecord): RecordedEvent => ({
  id: record.id,
  streamName: record.streamId,
  type: record.type,
  revision: record.revision,
  position: record.position?.commit ?? 0n,
  data: record.data,
  metadata: record.metadata as EventMetadata,
  recordedAt: record.created,
});

/**
 * The server filters one dimension (event type, else stream name); the other, if any, is checked
 * here. System events are always left out.
 */
const serverFilter = (filter: EventFilter | undefined): Filter => {
  if (filter?.eventTypePrefixes) return eventTypeFilter({ prefixes: filter.eventTypePrefixes });
  if (filter?.streamPrefixes) return streamNameFilter({ prefixes: filter.streamPrefixes });
  return excludeSystemEvents();
};

/**
 * The event store in EventStoreDB (KurrentDB). Event ids are ours, so repeating an append is
 * idempotent natively. Positions are commit positions in the server's transaction log.
 *
 * Where the server is weaker than the port: with expectedRevision 'any' it checks idempotency from
 * the first event id of an append, so an append whose first id is new but a later one is stored
 * is written rather than refused; and reads of $all are filtered here, not by the server.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async appendToStream(streamName: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`Stream ${streamName}: an append needs at least one event`);
    try {
      const result = await this.client.appendToStream(
        streamName,
        events.map(({ id, type, data, metadata }) => jsonEvent({ id, type, data: data as JSONType, metadata })),
        { expectedRevision: toExpectedRevision(options.expectedRevision) },
      );
      // An idempotent repeat may come back without a position (or with -1): read the original's.
      const commit = result.position?.commit;
      const position = commit !== undefined && commit >= 0n ? commit : await this.positionOf(streamName, result.nextExpectedRevision);
      return { nextRevision: result.nextExpectedRevision, position };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // The server answers a partly repeated append as a revision conflict: tell the two apart.
      const ids = new Set(events.map((event) => event.id));
      const stored = await this.readStream(streamName);
      const repeated = stored.find((event) => ids.has(event.id));
      if (repeated) throw new IdempotencyConflictError(streamName, repeated.id);
      const actual = error.actualVersion;
      throw new WrongExpectedRevisionError(streamName, options.expectedRevision, actual === NO_STREAM ? 'no_stream' : actual);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const { toRevision, maxCount } = options;
    if (maxCount !== undefined && maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamName, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        ...(maxCount !== undefined ? { maxCount } : {}),
      });
      for await (const resolved of read) {
        const record = resolved.event as EsdbRecord | undefined;
        if (!record) continue;
        if (toRevision !== undefined && (backwards ? record.revision < toRevision : record.revision > toRevision)) break;
        events.push(toRecordedEvent(record));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const after = options.after ?? 0n;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    // Version 6 of the client has no server-side filter for reads of $all, only for subscriptions.
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: after > 0n ? toPosition(after) : START });
    for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
      const record = resolved.event as EsdbRecord | undefined;
      if (!record || isSystem(record) || record.position === undefined) continue;
      if (atOrBefore(record.position, after) || !matches(record, options.filter)) continue;
      yield toRecordedEvent(record);
      if (--remaining === 0) return; // leaving the loop cancels the read
    }
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    const subscription = new EventStoreDbSubscription(this.client, options, handler, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
      return resolved.event?.position.commit ?? resolved.commitPosition ?? 0n;
    }
    return 0n;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /** Servers that do not report an append's position: read it from the event. */
  private async positionOf(streamName: string, revision: bigint): Promise<bigint> {
    const [event] = await this.readStream(streamName, { fromRevision: revision, maxCount: 1 });
    return event?.position ?? 0n;
  }
}

/**
 * A catch-up subscription to $all. Events are pulled from the client's readable stream in batches
 * (so a slow handler applies back-pressure to the server), and each batch is awaited.
 */
class EventStoreDbSubscription implements Subscription {
  private readonly stream: AllStreamSubscription;
  private readonly loop: Promise<void>;
  private stopped = false;
  private caughtUpPending = false;
  private lastSeen: bigint;
  private wakeUp: (() => void) | undefined;
  private failure: unknown;
  private ended = false;

  constructor(
    client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly handler: SubscriptionHandler,
    private readonly onEnd: () => void,
  ) {
    this.lastSeen = options.after;
    this.stream = client.subscribeToAll({
      fromPosition: options.after > 0n ? toPosition(options.after) : START,
      filter: serverFilter(options.filter),
    });
    const wake = () => this.wakeUp?.();
    this.stream.on('readable', wake);
    this.stream.on('caughtUp', () => {
      this.caughtUpPending = true;
      wake();
    });
    this.stream.on('error', (error) => {
      this.failure ??= error;
      wake();
    });
    this.stream.on('end', () => {
      this.ended = true;
      wake();
    });
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.wakeUp?.();
      await this.stream.unsubscribe().catch(() => undefined);
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? SUBSCRIPTION_BATCH;
    try {
      while (!this.stopped) {
        if (this.failure !== undefined) throw this.failure;
        const batch: RecordedEvent[] = [];
        let resolved: AllStreamResolvedEvent | null;
        while (batch.length < batchSize && (resolved = this.stream.read() as AllStreamResolvedEvent | null) !== null) {
          const record = resolved.event as EsdbRecord | undefined;
          if (!record?.position || isSystem(record)) continue;
          if (atOrBefore(record.position, this.options.after)) continue;
          this.lastSeen = record.position.commit;
          if (matches(record, this.options.filter)) batch.push(toRecordedEvent(record));
        }
        if (batch.length > 0) {
          await this.handler.handle(batch);
          continue;
        }
        if (this.caughtUpPending && this.stream.readableLength === 0) {
          this.caughtUpPending = false;
          this.handler.onCaughtUp?.(this.lastSeen);
        }
        if (this.ended) throw new Error('EventStoreDB ended the subscription to $all');
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          if (this.stopped || this.stream.readableLength > 0 || this.failure !== undefined || this.ended || this.caughtUpPending) resolve();
        });
        this.wakeUp = undefined;
      }
    } catch (error) {
      if (!this.stopped) {
        this.stopped = true;
        await this.stream.unsubscribe().catch(() => undefined);
        this.handler.onError?.(error);
      }
    } finally {
      this.stopped = true;
      this.onEnd();
    }
  }
}
