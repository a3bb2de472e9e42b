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
