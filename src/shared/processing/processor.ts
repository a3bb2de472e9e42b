import type { EventFilter, RecordedEvent } from '../event-store/event-store.port';
import type { Projection } from '../projection/projection';

/**
 * The two kinds of processor the runtime runs:
 * - a projector writes read-model tables in the transaction that moves its checkpoint; it is
 *   disposable and rebuildable (blue/green, beside the live one);
 * - a reactor has effects outside its checkpoint's transaction (commands, messages), each
 *   idempotent by a key derived from its event; its checkpoint moves after the effect, and it is
 *   never rebuilt, only replayed from a position when an operator asks.
 */
export type ProcessorKind = 'projector' | 'reactor';

/**
 * What a reactor's `deliver` resolves to: `false` when the batch had no effect for it (none of its
 * events concerned it), so its checkpoint need not move at once (see ReactorCheckpoint); anything
 * else: it had an effect, recorded now.
 */
export type Delivered = void | boolean;

/** A projector is a Projection: `{ name, handles, tables, applyBatch(tx, events) }`. */
export type Projector = Projection;

/**
 * A reactor in two steps, so the next batch is made ready while the previous one's effects are
 * under way: `prepare` runs as soon as a batch is read (pure; a throw is an event's failure);
 * `deliver` runs one batch at a time, in log order, each after the previous one succeeded.
 */
export interface Reactor<Prepared> {
  readonly name: string;
  /** Stored event types it reacts to; omitted: every event `filter` lets through. */
  readonly handles?: readonly string[];
  /** What the store reads for it; defaults to the `handles` types. */
  readonly filter?: EventFilter;
  /** Sees events as stored, not decoded (the audit chain hashes what the store holds). */
  readonly raw?: boolean;
  /** Pause this long after a batch at the head, for larger batches (see BatchPause); for reactors nobody waits on. */
  readonly settleMs?: number;
  prepare(events: RecordedEvent[]): Prepared;
  deliver(prepared: Prepared): Promise<Delivered>;
}

/**
 * Thrown by a reactor to say which event of a batch failed: the events before it have had their
 * effect, so only this one is isolated (its tenant parked) and the rest of the batch goes on.
 */
export class EventFailure extends Error {
  constructor(
    readonly event: RecordedEvent,
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'EventFailure';
  }
}

/**
 * Turns a stored event into its typed, current version before a processor sees it (the app's event
 * registry: upcasters, and an error naming the type and position for a type it does not know). An
 * event that cannot be decoded is that event's failure: its tenant is parked like any other.
 */
export type EventDecoder = (event: RecordedEvent) => RecordedEvent;

/**
 * Every event of `events` decoded. An event that cannot be decoded throws the decoder's error, not
 * an EventFailure: nothing of the batch has had its effect yet, so the runtime isolates the event by
 * halving the batch (an EventFailure would tell it the events before this one were delivered).
 */
export const decodeAll = (decode: EventDecoder | undefined, events: RecordedEvent[]): RecordedEvent[] => {
  if (!decode) return events;
  const decoded = new Array<RecordedEvent>(events.length);
  for (let i = 0; i < events.length; i++) decoded[i] = decode(events[i]);
  return decoded;
};

/** The tenant an event belongs to: what a park is per. */
export const tenantOf = (event: RecordedEvent): string => event.metadata?.tenantId ?? '';

/** A reactor that handles one event at a time, in order (process managers). */
export const eachEvent = (name: string, handles: readonly string[], react: (event: RecordedEvent) => Promise<void>): Reactor<RecordedEvent[]> => ({
  name,
  handles,
  prepare: (events) => events,
  deliver: async (events) => {
    for (const event of events) {
      try {
        await react(event);
      } catch (error) {
        throw new EventFailure(event, error);
      }
    }
  },
});

interface DefinitionBase {
  readonly name: string;
  /** Exact event types it takes; null: whatever the filter lets through. */
  readonly handles: ReadonlySet<string> | null;
  readonly filter: EventFilter;
  /** Events reach it as stored: no decoding, no upcasting (processors over every event of the log). */
  readonly raw: boolean;
  /** The pause after a batch at the head (see BatchPause); 0: none. */
  readonly settleMs: number;
}

export interface ProjectorDefinition extends DefinitionBase {
  readonly kind: 'projector';
  readonly projection: Projection;
}

export interface ReactorDefinition extends DefinitionBase {
  readonly kind: 'reactor';
  /** Prepares a batch now; the returned function delivers it. */
  stage(events: RecordedEvent[]): () => Promise<Delivered>;
}

/** What the runtime runs: either kind, behind one shape (the reactor's prepared type stays inside `stage`). */
export type ProcessorDefinition = ProjectorDefinition | ReactorDefinition;

/** A projection whose `handles` is empty reads every event of the log (the audit log). */
export const projector = (projection: Projection): ProjectorDefinition => ({
  kind: 'projector',
  name: projection.name,
  handles: projection.handles.length === 0 ? null : new Set(projection.handles),
  filter: projection.handles.length === 0 ? {} : { eventTypePrefixes: [...projection.handles] },
  raw: projection.raw ?? false,
  settleMs: projection.settleMs ?? 0,
  projection,
});

export const reactor = <Prepared>(definition: Reactor<Prepared>): ReactorDefinition => ({
  kind: 'reactor',
  name: definition.name,
  handles: definition.handles ? new Set(definition.handles) : null,
  filter: definition.filter ?? { eventTypePrefixes: [...(definition.handles ?? [])] },
  raw: definition.raw ?? false,
  settleMs: definition.settleMs ?? 0,
  stage: (events) => {
    const prepared = definition.prepare(events);
    return () => definition.deliver(prepared);
  },
});
