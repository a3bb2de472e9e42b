import { Existing } from './decider';
import { NotFoundError } from './domain-error';

export type { Existing };

/** The record a command addresses; one with no events yet is NOT_FOUND (`entity` names it in the message). */
export const existing = <State extends { status: string }>(state: State, entity: string, id: string): Existing<State> => {
  if (state.status === 'NONE') throw new NotFoundError(entity, id);
  return state as Existing<State>;
};

/** Text a person may give: trimmed; blank or not given is null. */
export const optionalText = (value: string | null | undefined): string | null => value?.trim() || null;
