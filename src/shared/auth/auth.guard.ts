import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLRequestContext, IS_PUBLIC, OPERATOR, Role, ROLES, SELF_SERVICE } from './caller';
import { AuthError, AuthService } from './auth.service';

const UUID = /^[0-9a-f-]{36}$/i;
const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Every GraphQL operation needs a valid token, except those marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const gqlContext = GqlExecutionContext.create(context);
    const gql = gqlContext.getContext<GraphQLRequestContext>();
    if (!gql.caller) {
      const headers = gql.req.headers;
      const correlation = header(headers['x-correlation-id']);
      gql.caller = await this.auth.authenticate(
        header(headers.authorization),
        correlation && UUID.test(correlation) ? correlation : undefined,
        header(headers['idempotency-key'])?.trim() || undefined,
      );
      gql.caller.ip = gql.req.ip;
      gql.caller.userAgent = header(headers['user-agent'])?.slice(0, 500);
    }
    const operation = gqlContext.getInfo<{ parentType: { name: string }; fieldName: string }>();
    const operatorAccess = this.reflector.getAllAndOverride<'only' | 'also' | undefined>(OPERATOR, [context.getHandler(), context.getClass()]);
    if (gql.caller.operator) {
      if (operatorAccess) return true;
      throw new AuthError(
        'FORBIDDEN',
        `The operator credential runs the platform's operations only; ${operation.fieldName} belongs to a tenant: use a tenant user's token`,
      );
    }
    if (operatorAccess === 'only')
      throw new AuthError(
        'FORBIDDEN',
        `${operation.fieldName} is an operator's operation (it acts on every tenant): run it with the operator credential or \`npm run ops\``,
      );
    if (this.reflector.getAllAndOverride<boolean>(SELF_SERVICE, [context.getHandler(), context.getClass()])) return true;
    const mutation = operation.parentType.name === 'Mutation';
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    const role = gql.caller.role;
    const permitted = (!mutation || role !== 'auditor') && (allowed ? allowed.includes(role) : !mutation || role === 'admin');
    if (!permitted)
      throw new AuthError(
        'FORBIDDEN',
        `Your role (${role}) may not ${mutation ? 'run' : 'read'} ${operation.fieldName}` +
          (allowed ? `; it is open to: ${allowed.join(', ')}` : '') +
          '. Ask an admin if you need it.',
      );
    return true;
  }
}
