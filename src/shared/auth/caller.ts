import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';

export type Role = 'admin' | 'sales' | 'accountant' | 'auditor';

/** What kind of actor a caller is: a person, a partner's or script's API key, or annals itself. */
export type ActorKind = 'user' | 'api_key' | 'system';

/** Who is calling: always taken from the verified token, never from the request body. */
export interface Caller {
  userId: string;
  tenantId: string;
  email: string;
  role: Role;
  /** Correlates every event this request causes. */
  requestId: string;
  /** The request's Idempotency-Key header, if any. */
  idempotencyKey?: string;
  /** A person (the default) or an API key; recorded in every event's metadata. */
  actorKind?: ActorKind;
  /** The request's client address and user agent, recorded in every event's metadata for auditors. */
  ip?: string;
  userAgent?: string;
  /** The platform's operator (OPERATOR_TOKEN), outside every tenant: only operator operations accept it. */
  operator?: boolean;
}

export interface GraphQLRequestContext {
  req: { headers: Record<string, string | string[] | undefined>; id?: string; ip?: string };
  caller?: Caller;
}

export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = GqlExecutionContext.create(context).getContext<GraphQLRequestContext>().caller;
  if (!caller) throw new Error('Caller is only available behind the auth guard');
  return caller;
});

export const ROLES = 'annals:roles';
/**
 * Who may call an operation. Without it, a query is open to every signed-in role and a mutation
 * to admins only: access is denied unless granted. Auditors never change anything.
 */
export const Allow = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const OPERATOR = 'annals:operator';
/**
 * An operation of the platform's operator (rebuild, replay, retry of shared processors): `only`
 * refuses every tenant's caller, admins included; `also` opens it to the operator beside the
 * roles `@Allow` names. Without it the operator credential is refused everywhere.
 */
export const Operator = (access: 'only' | 'also' = 'only') => SetMetadata(OPERATOR, access);

export const SELF_SERVICE = 'annals:self-service';
/** An operation a signed-in person runs on their own account (change their password): every role, auditors included. */
export const SelfService = () => SetMetadata(SELF_SERVICE, true);

export const IS_PUBLIC = 'annals:public';
/** An operation anyone may call without a token (login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
