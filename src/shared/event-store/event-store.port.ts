/**
 * The event store port. Two adapters implement it (PostgreSQL, the embedded default, and
 * EventStoreDB) and one contract suite (test/event-store.contract.ts) runs against both.
 *
 * Revisions are per stream and start at 0. Positions are global, strictly increasing in the
 * order `readAll` and subscriptions deliver events, and start above 0: a checkpoint of 0n
 * means "from the beginning". Both are bigint because EventStoreDB's are 64-bit.
 */

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventMetadata {
  tenantId: string;
  actorId: string;
  correlationId: string;
  causationId: string;
  idempotencyKey?: string;
  [key: string]: unknown;
}

/** An event about to be appended. `id` makes the append idempotent: the same id twice is stored once. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  streamName: string;
  type: Type;
  revision: bigint;
  position: bigint;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event in the stream after the append. */
  nextRevision: bigint;
  /** Global position of the last event appended (or already stored, for an idempotent repeat). */
  position: bigint;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Forwards defaults to 0, backwards to the last revision. */
  fromRevision?: bigint;
  /** Inclusive upper bound for forwards reads (lower bound for backwards reads). */
  toRevision?: bigint;
  maxCount?: number;
}

export interface EventFilter {
  /** Keep events whose type starts with one of these prefixes. */
  eventTypePrefixes?: string[];
  /** Keep events whose stream name starts with one of these prefixes (a category is `lead-`). */
  streamPrefixes?: string[];
  /** Keep events of this tenant only (`metadata.tenantId`): an auditor's or a report's read of one tenant's log. */
  tenantId?: string;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position strictly greater than this. Defaults to 0n (the start). */
  after?: bigint;
  maxCount?: number;
  filter?: EventFilter;
  /** Read what the store holds now, never a cache of recent events: verifying the log must see any change made to it. */
  uncached?: boolean;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: delivery starts after this position. 0n = from the beginning. */
  after: bigint;
  filter?: EventFilter;
  /** Largest batch handed to the handler at once. */
  batchSize?: number;
}

/**
 * A catch-up subscription hands events to `handle` in position order, a batch at a time, and
 * waits for the returned promise before delivering the next batch. If `handle` throws, the
 * subscription stops and `onError` is called: the owner decides whether and when to resume
 * (from its own checkpoint).
 */
export interface SubscriptionHandler {
  handle(events: RecordedEvent[]): Promise<void>;
  onError?(error: unknown): void;
  /** Called each time the subscription has delivered everything stored so far. */
  onCaughtUp?(position: bigint): void;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface EventStore {
  readonly kind: 'postgres' | 'eventstoredb';
  appendToStream(streamName: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Every event of several streams in one read, in position order (each stream's in revision order):
   * "as known at" over a client's orders and invoices. Optional: without it, readers read stream by stream.
   */
  readStreams?(streamNames: readonly string[]): Promise<RecordedEvent[]>;
  /** Streams every matching event after `after` in position order, without loading the log. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;
  /** Position of the last event stored (0n when empty). */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Raised when some, but not all, event ids of an append are already stored elsewhere. */
export class IdempotencyConflictError extends Error {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(
    readonly streamName: string,
    readonly eventId: string,
  ) {
    super(`Stream ${streamName}: event ${eventId} is already stored but the rest of the append differs`);
    this.name = 'IdempotencyConflictError';
  }
}

export const EVENT_STORE = Symbol('EVENT_STORE');

/** `lead-<uuid>` -> `lead`. */
export const streamCategory = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
};
