import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { BadInputError } from '../domain/domain-error';
import { INPUT_BOUNDS } from './input-fields';

/**
 * Bounds of the string arguments that are not fields of an input type (`disqualifyLead(id, reason)`),
 * by argument name: what a person types there. Every other string is at most INPUT_BOUNDS.text.
 */
const ARGUMENT_BOUNDS: Record<string, number> = {
  reason: 1_000,
  reference: 200,
  carrier: 100,
  trackingNumber: 100,
  unitPrice: INPUT_BOUNDS.decimal,
  code: 20,
  name: INPUT_BOUNDS.name,
  entity: 50,
  from: 30,
  asOf: 10,
  through: 10,
  date: 10,
  email: 254,
  password: 1_000,
};

/**
 * The page arguments a resolver declares on its own (`myTasks(page, perPage)`, a nested list's
 * `limit`), by name: bounded as ListArgs bounds its own, which class-validator checks.
 */
const NUMBER_BOUNDS: Record<string, { min: number; max: number; below?: string }> = {
  perPage: { min: 1, max: 500 },
  page: { min: 1, max: 1_000_000, below: 'page starts at 1' },
  limit: { min: 0, max: 500 },
};

const numberProblems = (value: number, path: string, found: Record<string, string[]>) => {
  const name = path.split('.').pop() ?? '';
  const bounds = NUMBER_BOUNDS[name];
  if (!Number.isFinite(value)) found[path || 'value'] = [`${path || 'the number'} must be a finite number`];
  else if (bounds && value > bounds.max) found[path] = [`${path} can be at most ${bounds.max}`];
  else if (bounds && value < bounds.min) found[path] = [bounds.below ?? `${path} must be at least ${bounds.min}`];
};

/** An unpaired UTF-16 surrogate: not a character, and PostgreSQL refuses it in text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

const problemsOf = (value: unknown, path: string, maxLength: number, found: Record<string, string[]>, depth = 0, numbers = false): void => {
  if (typeof value === 'string') {
    path ||= 'value';
    const problems: string[] = [];
    if (value.includes('\u0000')) problems.push(`${path} contains a NUL character (\\u0000); remove it`);
    if (LONE_SURROGATE.test(value)) problems.push(`${path} contains a lone surrogate (half of a UTF-16 pair), which is not text; remove it`);
    if (value.length > maxLength) problems.push(`${path} can be at most ${maxLength} characters`);
    if (problems.length) found[path] = problems;
    return;
  }
  if (typeof value === 'number') return numbers ? numberProblems(value, path, found) : undefined;
  if (depth > 10 || value === null || typeof value !== 'object' || value instanceof Date) return;
  if (Array.isArray(value)) {
    if (value.length > INPUT_BOUNDS.list) found[path || 'value'] = [`${path || 'the list'} can have at most ${INPUT_BOUNDS.list} items`];
    value.slice(0, INPUT_BOUNDS.list).forEach((item, index) => problemsOf(item, join(path, index), INPUT_BOUNDS.text, found, depth + 1));
    return;
  }
  for (const [key, item] of Object.entries(value)) problemsOf(item, join(path, key), INPUT_BOUNDS.text, found, depth + 1);
};

/**
 * Before class-validator, every argument of every operation: no NUL character, no lone surrogate,
 * no string past its bound, no list past INPUT_BOUNDS.list items, whichever field it is in.
 * Refused as BAD_USER_INPUT with one message per field, before anything runs.
 */
@Injectable()
export class InputGuardPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found: Record<string, string[]> = {};
    // An input object's fields are named as class-validator names them (`lines.3.quantity`); other arguments by their name.
    const name = metadata.data ?? '';
    // A number argument of its own (not a field of a validated input type) is bounded here.
    const numbers = metadata.metatype === Number;
    problemsOf(value, name === 'input' && typeof value === 'object' ? '' : name, ARGUMENT_BOUNDS[name] ?? INPUT_BOUNDS.text, found, 0, numbers);
    if (Object.keys(found).length > 0) throw new BadInputError(found);
    return value;
  }
}

export const inputGuardPipe = new InputGuardPipe();
