import { GraphQLScalarType, Kind } from 'graphql';

/**
 * ISO 8601 date-times. Unlike Nest's built-in scalar it also serialises ISO strings, which is
 * what a replayed idempotent answer holds.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'A date-time in ISO 8601, UTC, such as 2026-11-21T09:54:33.000Z',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return new Date(value).toISOString();
    throw new TypeError(`DateTime cannot represent ${String(value)}`);
  },
  parseValue(value) {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError(`"${String(value)}" is not an ISO 8601 date-time`);
    return date;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be a string');
    const date = new Date(ast.value);
    if (Number.isNaN(date.getTime())) throw new TypeError(`"${ast.value}" is not an ISO 8601 date-time`);
    return date;
  },
});
