import type { ActorKind, Role } from './caller';

/** Who a credential stands for, as the identity context knows them now (not as the token said when issued). */
export interface Principal {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  active: boolean;
  kind: Extract<ActorKind, 'user' | 'api_key'>;
}

/**
 * The identity context answers these (shared/ knows no context): the current state of a user a
 * session token names, and the API key a secret belongs to (null when unknown, revoked or expired).
 */
export interface PrincipalLookup {
  user(userId: string): Promise<Principal | null>;
  apiKey(secret: string): Promise<Principal | null>;
  /** The caller's tenant as `me` shows it; null for none (the operator). */
  tenant(tenantId: string): Promise<{ name: string; currency: string } | null>;
}

export const PRINCIPALS = Symbol('PRINCIPALS');

/** Every instance LISTENs here: the payload is a user's or an API key's id whose cached state must be read again. */
export const PRINCIPALS_CHANNEL = 'annals_principals';

/** API key secrets start with this, so a bearer value is told apart from a session token without trying both. */
export const API_KEY_PREFIX = 'annals_';
