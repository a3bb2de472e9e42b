import { DomainEvent } from './domain-event';
import { EventRegistry, StoredEvent } from './event-registry';

export type { DomainEvent };

/**
 * An aggregate as two pure functions (Emmett's decider): `decide` turns a command and the current
 * state into new events, `evolve` folds one event into the state. Time and ids come in through
 * the command, never from inside. `events` is the aggregate's part of its context's event
 * registration: it decodes the stored stream before the fold (see `foldStored`).
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Event[];
  events: EventRegistry<Event>;
}

/** A record's state until its first event (a lead, an order, an invoice, a chart of accounts...). */
export type NoRecord = { status: 'NONE' };
export type Existing<State extends { status: string }> = Exclude<State, NoRecord>;

/** The decider of one record: its state is `{ status: 'NONE' }` until the first event. */
export const recordDecider = <State extends { status: string }, Command, Event extends DomainEvent>(
  parts: Omit<Decider<NoRecord | State, Command, Event>, 'initialState'>,
): Decider<NoRecord | State, Command, Event> => ({ ...parts, initialState: () => ({ status: 'NONE' }) });

export const fold = <State, Event extends DomainEvent>(decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>, events: Event[]): State =>
  events.reduce(decider.evolve, decider.initialState());

/**
 * Folds a stream as stored: each event decoded by the decider's registry (older versions upcast,
 * an event at its current version passed as it is), so an unknown type stops the fold with an
 * error naming the type, the stream and the position instead of a failed switch.
 */
export const foldStored = <State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve' | 'events'>,
  stored: readonly StoredEvent[],
): State => {
  let state = decider.initialState();
  for (const event of stored) state = decider.evolve(state, decider.events.decode(event));
  return state;
};

export const assertNever = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
};
