import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as common } from '@zxcvbn-ts/language-common';
import { dictionary as english, translations } from '@zxcvbn-ts/language-en';
import { BadInputError } from '../../shared/domain/domain-error';

const MIN_LENGTH = 12;
const MAX_LENGTH = 200;
/** zxcvbn's score from 0 (guessed at once) to 4; 3 is "safely unguessable" against an online attack and a slow hash offline. */
const MIN_SCORE = 3;

const strength = new ZxcvbnFactory({ dictionary: { ...common, ...english }, graphs: adjacencyGraphs, translations });

/** Refuses a password a person should not use, with what to do instead (BAD_USER_INPUT on `field`). */
export const assertStrongPassword = (password: string, field: string, userInputs: string[] = []): void => {
  if (password.length < MIN_LENGTH) throw new BadInputError({ [field]: [`use at least ${MIN_LENGTH} characters (a few unrelated words work well)`] });
  if (password.length > MAX_LENGTH) throw new BadInputError({ [field]: [`use at most ${MAX_LENGTH} characters`] });
  const result = strength.check(password, userInputs);
  if (result.score >= MIN_SCORE) return;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  throw new BadInputError({ [field]: [`this password is too easy to guess. ${advice || 'Add more words that are less common.'}`.trim()] });
};
