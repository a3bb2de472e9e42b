import { Decider, DomainEvent, fold } from './decider';
import { DomainError } from './domain-error';

/** given past events, when a command, then these events (or this error). For unit specs only. */
export const deciderSpec =
  <State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>) =>
  (given: Event[]) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, fold(decider, given));
      return {
        then: (expected: Event[]): void => {
          expect(run()).toEqual(expected);
        },
        thenThrows: (code: string): void => {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          expect((thrown as DomainError).code).toBe(code);
        },
      };
    },
  });

/** A row of a refusal table: the test's name, the fields the row changes in the command, and the code expected. */
export type Refusal<Command> = [name: string, changes: Partial<Command>, code: string];

/** One test per row, named by it: `command`, changed by the row, is refused with the row's code. */
export const itRefuses = <Command>(when: (command: Command) => { thenThrows: (code: string) => void }, command: Command, rows: Refusal<Command>[]): void =>
  it.each(rows)('%s', (_name, changes, code) => when({ ...command, ...changes }).thenThrows(code));
