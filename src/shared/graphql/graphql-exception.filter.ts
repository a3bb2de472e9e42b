import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands every failure of a GraphQL operation back to the GraphQL layer untouched, where
 * formatGraphQLErrors (errors.ts) turns it into a coded error (and logs only real faults).
 * Without this, Nest would log every refused command as a server error. HTTP routes keep
 * Nest's default handling.
 */
@Catch()
export class GraphQLExceptionFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
