import { Logger, ValidationError, ValidationPipe } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { BadInputError, DomainError } from '../domain/domain-error';

const logger = new Logger('GraphQL');

/**
 * The one place where failures become GraphQL errors. A DomainError keeps its code (BAD_USER_INPUT,
 * NOT_FOUND, LEAD_NOT_NEW, UNAUTHENTICATED, ...) and message; GraphQL's own validation errors are
 * the caller's to fix; anything else is our fault: logged in full, answered without internals.
 */
const formatOne = (error: GraphQLError): GraphQLFormattedError => {
  const original = error.originalError;
  const base = { message: error.message, locations: error.locations, path: error.path };
  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original instanceof BadInputError) extensions.fields = original.fields;
    return { ...base, message: original.message, extensions };
  }
  if (error.extensions?.code) return { ...base, extensions: error.extensions };
  if (!original || original instanceof GraphQLError) {
    // Parse, validation and variable-coercion errors: the request itself is wrong.
    const input = /^Variable "|^Argument "|got invalid value|Expected value of type|Expected type/.test(error.message);
    return { ...base, extensions: { code: input ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED' } };
  }
  // PostgreSQL refused a value's format (an id that is not a UUID, in a filter or lookup).
  if ((original as { code?: string }).code === '22P02')
    return {
      ...base,
      message: 'An id is not in the expected format: ids are UUIDs such as 3f2b8c1e-9d4a-4c6e-8b1a-2d5f7e9a0c13',
      extensions: { code: 'BAD_USER_INPUT' },
    };
  logger.error(`${error.path?.join('.') ?? 'request'}: ${original.stack ?? original.message}`);
  return { ...base, message: 'Internal server error; it has been logged', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
};

export const formatGraphQLErrors = (execution: { data?: unknown; errors: readonly GraphQLError[] }) => {
  const errors = execution.errors.flatMap((error) => {
    // Mercurius bundles schema-validation errors inside one error.
    const inner = (error.originalError as { errors?: GraphQLError[] } | undefined)?.errors;
    return Array.isArray(inner) ? inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError(String((e as Error).message ?? e)))) : [error];
  });
  const formatted = errors.map(formatOne);
  const requestInvalid = !execution.data && formatted.every((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
  return { statusCode: requestInvalid ? 400 : 200, response: { data: execution.data ?? null, errors: formatted } };
};

const flatten = (errors: ValidationError[], prefix = ''): Record<string, string[]> =>
  errors.reduce<Record<string, string[]>>((fields, error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(fields, flatten(error.children, path));
    return fields;
  }, {});

/** class-validator on every input; one message per invalid field, nothing executed. */
export const validationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  exceptionFactory: (errors) => new BadInputError(flatten(errors)),
});
