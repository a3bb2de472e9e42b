import { Inject, Injectable } from '@nestjs/common';
import { Decider, DomainEvent, foldStored } from '../domain/decider';
import { ConcurrencyError, NotFoundError } from '../domain/domain-error';
import { deterministicId, newId } from '../domain/ids';
import { EVENT_STORE, EventStore, NewEvent, RecordedEvent, WrongExpectedRevisionError } from '../event-store/event-store.port';
import { CommandContext, metadataFor } from './command-context';

export interface RunResult<State> {
  state: State;
  /** Position of the last event this command stored (or found stored, for a repeat); null if it decided nothing. */
  position: bigint | null;
  events: NewEvent[];
}

/** A stored stream as the decider's state: each event decoded (upcast, unknown types refused) by the decider's registry. */
const foldRecorded = <State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve' | 'events'>,
  history: RecordedEvent[],
): State => foldStored(decider, history);

const MAX_ATTEMPTS = 5;
/** Streams whose history the runner keeps after its own appends (least recently used first out)... */
const CACHED_STREAMS = 10_000;
/** ...when they are at most this long (aggregates are short; a long stream is read each time). */
const CACHED_STREAM_MAX_EVENTS = 200;

/**
 * Load, fold, decide, append with the expected revision; on a conflict, re-load and re-decide a
 * bounded number of times. With an idempotency key, event ids derive from it, so a repeat of an
 * already-applied command is recognised and appends nothing, even after a crash.
 *
 * The history of a stream this runner appended to is kept, so the next command on it needs no read.
 * A kept history is a hint, never trusted on its own: the append's expected revision proves it
 * current (another process appending in between makes the append fail, and the runner reads the
 * stream and decides again), and a command it refuses, or finds nothing to do for, is decided again
 * on a fresh read before the answer goes out. Likewise a stream the runner knows nothing of is first
 * assumed new (expected revision `no_stream`), which a creation command needs no read to confirm;
 * any other outcome reads it. Commands with an idempotency key always read the stream (recognising a
 * repeat needs the stored events) and leave nothing kept: an append of ids derived from a key may be
 * answered as a repeat, and then the kept history would not be the stream.
 */
@Injectable()
export class EventSourcedRunner {
  private readonly histories = new Map<string, RecordedEvent[]>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run<State, Command, Event extends DomainEvent>(
    decider: Decider<State, Command, Event>,
    streamName: string,
    command: Command,
    context: CommandContext,
    entity = streamName.split('-')[0],
  ): Promise<RunResult<State>> {
    // With a key, a repeat is recognised from the stored events (a kept history may predate it).
    const keyed = Boolean(context.idempotencyKey);
    let fresh = keyed;
    let history = keyed ? await this.load(streamName) : (this.histories.get(streamName) ?? []);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS;) {
      // A stream of another tenant does not exist, as far as this caller can tell.
      if (history.length > 0 && history[0].metadata.tenantId !== context.tenantId) throw new NotFoundError(entity, streamName.slice(entity.length + 1));

      const idFor = (index: number) =>
        context.idempotencyKey ? deterministicId(context.tenantId, context.idempotencyKey, streamName, String(index)) : newId();
      if (context.idempotencyKey) {
        const repeat = history.find((event) => event.id === idFor(0));
        if (repeat) return this.alreadyApplied(decider, history, repeat);
      }

      const state = foldRecorded(decider, history);
      let decided: Event[];
      try {
        decided = decider.decide(command, state);
      } catch (error) {
        if (fresh) throw error;
        [history, fresh] = [await this.load(streamName), true];
        continue;
      }
      if (decided.length === 0) {
        if (fresh) return { state, position: null, events: [] };
        [history, fresh] = [await this.load(streamName), true];
        continue;
      }

      const events: NewEvent[] = decided.map((event, index) => ({
        id: idFor(index),
        type: event.type,
        data: event.data,
        metadata: { ...metadataFor(context), ...decider.events.versionMetadata(event.type) },
      }));
      const expectedRevision = history.length === 0 ? 'no_stream' : history[history.length - 1].revision;
      attempt++;
      try {
        const result = await this.store.appendToStream(streamName, events, { expectedRevision });
        // Random event ids cannot match stored ones, so success means these events now follow `history`.
        if (!keyed) this.keep(streamName, history, events, result.nextRevision, result.position);
        return { state: decided.reduce(decider.evolve, state), position: result.position, events };
      } catch (error) {
        this.histories.delete(streamName);
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        [history, fresh] = [await this.load(streamName), true];
      }
    }
    throw new ConcurrencyError(streamName, MAX_ATTEMPTS);
  }

  private async load(streamName: string): Promise<RecordedEvent[]> {
    this.histories.delete(streamName);
    return this.store.readStream(streamName);
  }

  /** Remembers the stream as it is after this append (the events get the append's last position). */
  private keep(streamName: string, history: RecordedEvent[], events: NewEvent[], nextRevision: bigint, position: bigint) {
    this.histories.delete(streamName);
    if (history.length + events.length > CACHED_STREAM_MAX_EVENTS) return;
    const first = nextRevision - BigInt(events.length) + 1n;
    const recordedAt = new Date();
    const appended = events.map((event, index): RecordedEvent => ({ ...event, streamName, revision: first + BigInt(index), position, recordedAt }));
    this.histories.set(streamName, [...history, ...appended]);
    if (this.histories.size > CACHED_STREAMS) this.histories.delete(this.histories.keys().next().value!);
  }

  private alreadyApplied<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve' | 'events'>,
    history: RecordedEvent[],
    first: RecordedEvent,
  ): RunResult<State> {
    const key = first.metadata.idempotencyKey;
    const sameCommand = history.filter((event) => event.metadata.idempotencyKey === key && event.metadata.causationId === first.metadata.causationId);
    return {
      state: foldRecorded(decider, history),
      position: sameCommand[sameCommand.length - 1].position,
      events: [],
    };
  }

  readStream(streamName: string): Promise<RecordedEvent[]> {
    return this.store.readStream(streamName);
  }

  /** The state of another record a command consults (one read); a record of another tenant reads as none. */
  async stateInTenant<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve' | 'events'>,
    streamName: string,
    tenantId: string,
  ): Promise<{ state: State; exists: boolean }> {
    const history = await this.store.readStream(streamName);
    if (history.length === 0 || history[0].metadata.tenantId !== tenantId) return { state: decider.initialState(), exists: false };
    return { state: foldRecorded(decider, history), exists: true };
  }
}
