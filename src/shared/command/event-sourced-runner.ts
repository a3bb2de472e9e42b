import { Inject, Injectable } from '@nestjs/common';
import { Decider, DomainEvent, fold } from '../domain/decider';
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

const MAX_ATTEMPTS = 5;

/**
 * Load, fold, decide, append with the expected revision; on a conflict, re-load and re-decide a
 * bounded number of times. With an idempotency key, event ids derive from it, so a repeat of an
 * already-applied command is recognised and appends nothing, even after a crash.
 */
@Injectable()
export class EventSourcedRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run<State, Command, Event extends DomainEvent>(
    decider: Decider<State, Command, Event>,
    streamName: string,
    command: Command,
    context: CommandContext,
    entity = streamName.split('-')[0],
  ): Promise<RunResult<State>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const history = await this.store.readStream(streamName);
      // A stream of another tenant does not exist, as far as this caller can tell.
      if (history.length > 0 && history[0].metadata.tenantId !== context.tenantId)
        throw new NotFoundError(entity, streamName.slice(entity.length + 1));

      const idFor = (index: number) =>
        context.idempotencyKey ? deterministicId(context.tenantId, context.idempotencyKey, streamName, String(index)) : newId();
      if (context.idempotencyKey) {
        const repeat = history.find((event) => event.id === idFor(0));
        if (repeat) return this.alreadyApplied(decider, history, repeat);
      }

      const state = fold(decider, history as unknown as Event[]);
      const decided = decider.decide(command, state);
      if (decided.length === 0) return { state, position: null, events: [] };

      const events: NewEvent[] = decided.map((event, index) => ({
        id: idFor(index),
        type: event.type,
        data: event.data,
        metadata: metadataFor(context),
      }));
      const expectedRevision = history.length === 0 ? 'no_stream' : history[history.length - 1].revision;
      try {
        const result = await this.store.appendToStream(streamName, events, { expectedRevision });
        return { state: decided.reduce(decider.evolve, state), position: result.position, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new ConcurrencyError(streamName, MAX_ATTEMPTS);
  }

  private alreadyApplied<State, Event extends DomainEvent>(
    decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
    history: RecordedEvent[],
    first: RecordedEvent,
  ): RunResult<State> {
    const key = first.metadata.idempotencyKey;
    const sameCommand = history.filter((event) => event.metadata.idempotencyKey === key && event.metadata.causationId === first.metadata.causationId);
    return {
      state: fold(decider, history as unknown as Event[]),
      position: sameCommand[sameCommand.length - 1].position,
      events: [],
    };
  }

  readStream(streamName: string): Promise<RecordedEvent[]> {
    return this.store.readStream(streamName);
  }
}
