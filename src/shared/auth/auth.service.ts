import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { createHash, createSecretKey, KeyObject, randomUUID, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppConfig } from '../../config';
import { Clock, CLOCK, systemClock } from '../clock';
import { ChannelListener } from '../database/channel-listener';
import { DomainError } from '../domain/domain-error';
import { APP_CONFIG } from '../tokens';
import { Caller, Role } from './caller';
import { API_KEY_PREFIX, Principal, PrincipalLookup, PRINCIPALS, PRINCIPALS_CHANNEL } from './principals';

export class AuthError extends DomainError<'UNAUTHENTICATED' | 'FORBIDDEN'> {}

interface TokenClaims {
  sub: string;
  tid: string;
  email: string;
  role: Role;
  exp: number;
}

/** Tokens already verified, with their claims: a client sends the same token with every request. */
const VERIFIED_TOKENS = 10_000;
/** How long the current state of a user or API key is trusted before it is read again; a change made on any instance forgets it at once. */
const PRINCIPAL_TTL_MS = 2_000;

export const TOKEN_LIFETIME_SECONDS = 12 * 3600;

const OPERATOR_ID = 'operator';

/**
 * Session tokens (HS256, always with an expiry), API key secrets and the operator credential
 * become a Caller here. The token's user is checked against the identity context's current state
 * on every request, so a deactivated user is refused and a new role applies without signing in again.
 *
 * That state is cached per instance for two seconds, and forgotten on every instance at once when
 * any instance changes it: `forget` broadcasts the id on PRINCIPALS_CHANNEL, which every instance
 * LISTENs to on its one listener connection (ChannelListener), and the change is answered once each
 * has said it dropped the entry (or once the two seconds have passed). While
 * that connection is down nothing is cached (every request reads the state), and what was cached
 * when it dropped is dropped too, since a change may have gone unheard.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  /** Built once: jsonwebtoken would otherwise derive a key object from the string on every request. */
  private readonly key: KeyObject;
  private readonly operatorDigest: Buffer | null;
  private readonly clock: Clock;
  /** Token → its verified claims, oldest first out; expiry is still checked on every use. */
  private readonly verified = new Map<string, TokenClaims>();
  private readonly principals = new Map<string, { principal: Promise<Principal | null>; until: number; id: string }>();
  private readonly principalTtlMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly channels: ChannelListener,
    @Optional() @Inject(PRINCIPALS) private readonly lookup?: PrincipalLookup,
    @Optional() @Inject(CLOCK) clock?: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
    this.operatorDigest = config.operatorToken ? digest(config.operatorToken) : null;
    this.clock = clock ?? config.clock ?? systemClock;
    this.principalTtlMs = config.principalCacheMs ?? PRINCIPAL_TTL_MS;
  }

  async onModuleInit(): Promise<void> {
    this.channels.onGap(() => this.principals.clear());
    await this.channels.listen(PRINCIPALS_CHANNEL, (id) => this.forgetHere(id), { acknowledge: true });
  }

  /** A session token for a user: 12 hours, from the app's clock. */
  issue(user: { id: string; tenantId: string; email: string; role: Role }): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return jwt.sign({ tid: user.tenantId, email: user.email, role: user.role, iat }, this.key, {
      subject: user.id,
      expiresIn: TOKEN_LIFETIME_SECONDS,
      issuer: 'annals',
      algorithm: 'HS256',
    });
  }

  /** The caller a bearer credential stands for; throws UNAUTHENTICATED with a reason a client can act on. */
  async authenticate(authorization: string | undefined, requestId?: string, idempotencyKey?: string): Promise<Caller> {
    if (!authorization) throw new AuthError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <token>" (get a token from the login mutation)');
    const [scheme, token, extra] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined)
      throw new AuthError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    const request = { requestId: requestId ?? randomUUID(), idempotencyKey };
    if (this.operatorDigest && timingSafeEqual(digest(token), this.operatorDigest))
      return { userId: OPERATOR_ID, tenantId: '', email: OPERATOR_ID, role: 'admin', operator: true, actorKind: 'system', ...request };
    if (token.startsWith(API_KEY_PREFIX)) {
      const key = await this.principal(`key:${digest(token).toString('hex')}`, () => this.lookup?.apiKey(token) ?? Promise.resolve(null));
      if (!key) throw new AuthError('UNAUTHENTICATED', 'This API key is not valid: it was revoked, has expired or never existed');
      return { userId: key.id, tenantId: key.tenantId, email: key.email, role: key.role, actorKind: 'api_key', ...request };
    }
    const claims = this.verify(token);
    const user = await this.principal(`user:${claims.sub}`, () => this.currentUser(claims.sub));
    if (!user || user.tenantId !== claims.tid) throw new AuthError('UNAUTHENTICATED', 'This account no longer exists; sign in again');
    if (!user.active) throw new AuthError('UNAUTHENTICATED', 'This account is deactivated; ask an admin of your organisation to reactivate it');
    return { userId: user.id, tenantId: user.tenantId, email: user.email, role: user.role, actorKind: 'user', ...request };
  }

  /**
   * Forget what every instance caches about a user or API key (its role, whether it is active): the
   * next request to any of them reads it again. Call it once the change is visible (after the
   * command's answer is read), and answer after it resolves: it resolves once every instance has
   * dropped the entry, or once the cache's lifetime has passed (an instance that did not say so by
   * then has let the entry expire anyway).
   */
  async forget(id: string): Promise<void> {
    this.forgetHere(id);
    try {
      if (!(await this.channels.broadcast(PRINCIPALS_CHANNEL, id, this.principalTtlMs)))
        this.logger.warn(`Not every instance said it forgot ${id} within ${this.principalTtlMs} ms; its cache of it has expired by now`);
    } catch (error) {
      this.logger.warn(`Could not tell the other instances to forget ${id} (they read it again within ${this.principalTtlMs} ms): ${(error as Error).message}`);
    }
  }

  /** Also drops what is still loading: it may have read the state from before the change. */
  private forgetHere(id: string): void {
    for (const [key, entry] of this.principals) if (key === `user:${id}` || entry.id === id || entry.id === '') this.principals.delete(key);
  }

  private principal(key: string, load: () => Promise<Principal | null>): Promise<Principal | null> {
    if (!this.channels.live) return load();
    const now = Date.now();
    const cached = this.principals.get(key);
    if (cached && cached.until > now) return cached.principal;
    const principal = load();
    const entry = { principal, until: now + this.principalTtlMs, id: '' };
    void principal.then(
      (found) => (entry.id = found?.id ?? ''),
      () => this.principals.delete(key),
    );
    this.principals.set(key, entry);
    if (this.principals.size > VERIFIED_TOKENS) this.principals.delete(this.principals.keys().next().value!);
    return principal;
  }

  /** Without the identity context (no PRINCIPALS), nobody signs in. */
  private currentUser(userId: string): Promise<Principal | null> {
    return this.lookup?.user(userId) ?? Promise.resolve(null);
  }

  /** The token's claims once its signature, issuer and expiry are checked (the signature once per token). A token without expiry is refused. */
  private verify(token: string): TokenClaims {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known && known.exp > now) return known;
    this.verified.delete(token);
    let claims: TokenClaims;
    try {
      claims = jwt.verify(token, this.key, { issuer: 'annals', algorithms: ['HS256'], clockTimestamp: now }) as TokenClaims;
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw new AuthError('UNAUTHENTICATED', expired ? 'Your session has expired; sign in again' : 'The token is not valid; sign in again');
    }
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string' || typeof claims.tid !== 'string')
      throw new AuthError('UNAUTHENTICATED', 'The token is not valid: a session token always has an expiry; sign in again');
    this.verified.set(token, claims);
    if (this.verified.size > VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    return claims;
  }

  async me(caller: Caller) {
    const tenant = caller.tenantId ? await this.lookup?.tenant(caller.tenantId) : null;
    return {
      userId: caller.userId,
      email: caller.email,
      role: caller.role,
      kind: caller.actorKind ?? 'user',
      tenantId: caller.tenantId,
      tenantName: tenant?.name ?? caller.tenantId,
      currency: tenant?.currency ?? 'USD',
    };
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
