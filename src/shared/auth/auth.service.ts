import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, KeyObject, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppConfig } from '../../config';
import { Database } from '../database/database';
import { DomainError } from '../domain/domain-error';
import { APP_CONFIG, DATABASE } from '../tokens';
import { Caller, Role } from './caller';
import { verifyPassword } from './passwords';

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

const TOKEN_LIFETIME = '12h';

@Injectable()
export class AuthService {
  /** Built once: jsonwebtoken would otherwise derive a key object from the string on every request. */
  private readonly key: KeyObject;
  /** Token → its verified claims, oldest first out; expiry is still checked on every use. */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  async login(email: string, password: string): Promise<string> {
    const { rows } = await this.database.pool.query(`SELECT id, tenant_id, email, role, password_hash FROM users WHERE email = lower($1)`, [email.trim()]);
    const user = rows[0];
    // The same answer for an unknown email and a wrong password: no user enumeration.
    if (!user || !(await verifyPassword(password, user.password_hash))) throw new AuthError('UNAUTHENTICATED', 'Email or password is incorrect');
    const claims: Omit<TokenClaims, 'sub' | 'exp'> = { tid: user.tenant_id, email: user.email, role: user.role };
    return jwt.sign(claims, this.key, { subject: user.id, expiresIn: TOKEN_LIFETIME, issuer: 'annals', algorithm: 'HS256' });
  }

  /** The caller a bearer token stands for; throws UNAUTHENTICATED with a reason a client can act on. */
  authenticate(authorization: string | undefined, requestId?: string, idempotencyKey?: string): Caller {
    if (!authorization) throw new AuthError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <token>" (get a token from the login mutation)');
    const [scheme, token] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AuthError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    const claims = this.verify(token);
    return {
      userId: claims.sub,
      tenantId: claims.tid,
      email: claims.email,
      role: claims.role,
      requestId: requestId ?? randomUUID(),
      idempotencyKey,
    };
  }

  /** The token's claims once its signature, issuer and expiry are checked (the signature once per token). */
  private verify(token: string): TokenClaims {
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > Date.now()) return known;
    this.verified.delete(token);
    let claims: TokenClaims;
    try {
      claims = jwt.verify(token, this.key, { issuer: 'annals', algorithms: ['HS256'] }) as TokenClaims;
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw new AuthError('UNAUTHENTICATED', expired ? 'Your session has expired; sign in again' : 'The token is not valid; sign in again');
    }
    if (typeof claims.exp === 'number') {
      this.verified.set(token, claims);
      if (this.verified.size > VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    }
    return claims;
  }

  async me(caller: Caller) {
    const { rows } = await this.database.pool.query(`SELECT name, currency FROM tenants WHERE id = $1`, [caller.tenantId]);
    return {
      userId: caller.userId,
      email: caller.email,
      role: caller.role,
      tenantId: caller.tenantId,
      tenantName: rows[0]?.name ?? caller.tenantId,
      currency: rows[0]?.currency ?? 'USD',
    };
  }
}
