import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../shared/auth/caller';
import { hashPassword, verifyPassword } from '../../shared/auth/passwords';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { IdentityError, IdentityErrorCode } from '../domain/identity.error';

export type TokenPurpose = 'invitation' | 'reset';

export interface Account {
  userId: string;
  tenantId: string;
  passwordHash: string | null;
  email: string;
  /** From the users read model; null while it has not shown the user yet. */
  role: Role | null;
  status: 'INVITED' | 'ACTIVE' | 'DEACTIVATED' | null;
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A stored scrypt hash of nothing anyone knows: an unknown email is checked against it, so it costs what a wrong password costs. */
let dummyHash: Promise<string> | undefined;

/**
 * What must never be in the log, kept beside it: password hashes (each email once across every
 * tenant, so sign-in finds the account by email alone), invitation and reset tokens (hashed,
 * single use, expiring) and API key secrets (hashed).
 */
@Injectable()
export class Credentials {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Claims the email for this user; another user already holding it is EMAIL_ALREADY_USED. */
  async reserveEmail(tenantId: string, userId: string, email: string): Promise<void> {
    const { rows } = await this.database.pool.query(
      `INSERT INTO user_credentials (user_id, tenant_id, email) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email WHERE user_credentials.user_id = EXCLUDED.user_id RETURNING user_id`,
      [userId, tenantId, email],
    );
    if (rows.length === 0)
      throw new IdentityError(IdentityErrorCode.EmailAlreadyUsed, `${email} already has an account; each email signs in to one organisation`);
  }

  async releaseEmail(userId: string): Promise<void> {
    await this.database.pool.query(`DELETE FROM user_credentials WHERE user_id = $1 AND password_hash IS NULL`, [userId]);
  }

  async setPassword(userId: string, password: string): Promise<void> {
    await this.database.pool.query(`UPDATE user_credentials SET password_hash = $2, updated_at = now() WHERE user_id = $1`, [
      userId,
      await hashPassword(password),
    ]);
  }

  async passwordMatches(userId: string, password: string): Promise<boolean> {
    const { rows } = await this.database.pool.query(`SELECT password_hash FROM user_credentials WHERE user_id = $1`, [userId]);
    return this.verify(password, rows[0]?.password_hash ?? null);
  }

  /** The account an email signs in to, if any, with the user's current state (one query, whether or not it exists). */
  async account(email: string): Promise<Account | null> {
    const { rows } = await this.database.pool.query(
      `SELECT c.user_id, c.tenant_id, c.password_hash, u.email, u.role, u.status FROM user_credentials c LEFT JOIN users u ON u.id = c.user_id WHERE c.email = $1`,
      [email],
    );
    const row = rows[0];
    return row
      ? { userId: row.user_id, tenantId: row.tenant_id, passwordHash: row.password_hash, email: row.email ?? email, role: row.role, status: row.status }
      : null;
  }

  /** Checks a password against a hash, or against a dummy hash when there is none: the same work either way. */
  async verify(password: string, hash: string | null): Promise<boolean> {
    dummyHash ??= hashPassword(randomBytes(24).toString('base64'));
    const matches = await verifyPassword(password, hash ?? (await dummyHash));
    return hash !== null && matches;
  }

  /** A new single-use token; earlier unused tokens of the same purpose for this user stop working. Returns the token itself (stored hashed). */
  async issueToken(tenantId: string, userId: string, purpose: TokenPurpose, expiresAt: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.database.pool.query(
      `WITH revoked AS (UPDATE user_tokens SET used_at = now() WHERE user_id = $3 AND purpose = $4 AND used_at IS NULL)
       INSERT INTO user_tokens (token_hash, tenant_id, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [sha256(token), tenantId, userId, purpose, expiresAt],
    );
    return token;
  }

  /** Uses a token once: its tenant and user, or why not (unknown, used, expired). */
  async claimToken(token: string, purpose: TokenPurpose, now: Date): Promise<{ tenantId: string; userId: string } | 'unknown' | 'used' | 'expired'> {
    const hash = sha256(token);
    const { rows } = await this.database.pool.query(
      `UPDATE user_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 RETURNING tenant_id, user_id`,
      [hash, purpose, now],
    );
    if (rows[0]) return { tenantId: rows[0].tenant_id, userId: rows[0].user_id };
    const found = await this.database.pool.query(`SELECT used_at, expires_at FROM user_tokens WHERE token_hash = $1 AND purpose = $2`, [hash, purpose]);
    if (!found.rows[0]) return 'unknown';
    return found.rows[0].used_at ? 'used' : 'expired';
  }

  /** Gives a claimed token back when what it was claimed for failed, so it can be tried again. */
  async releaseToken(token: string): Promise<void> {
    await this.database.pool.query(`UPDATE user_tokens SET used_at = NULL WHERE token_hash = $1`, [sha256(token)]);
  }

  /** A new secret for an API key: the first, or a replacement while it has never been used (a retried create). */
  async storeApiKeySecret(tenantId: string, apiKeyId: string, secret: string): Promise<void> {
    const { rows } = await this.database.pool.query(
      `INSERT INTO api_key_secrets (api_key_id, tenant_id, secret_hash) VALUES ($1, $2, $3)
       ON CONFLICT (api_key_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash WHERE api_key_secrets.last_used_at IS NULL RETURNING api_key_id`,
      [apiKeyId, tenantId, sha256(secret)],
    );
    if (rows.length === 0)
      throw new IdentityError(
        IdentityErrorCode.ApiKeySecretShown,
        'This API key was already created and used; its secret is shown only once. Create a new key instead',
      );
  }

  async apiKeySecretHash(apiKeyId: string): Promise<string | null> {
    const { rows } = await this.database.pool.query(`SELECT secret_hash FROM api_key_secrets WHERE api_key_id = $1`, [apiKeyId]);
    return rows[0]?.secret_hash ?? null;
  }

  async apiKeyUsed(apiKeyIds: string[], at: Date): Promise<void> {
    await this.database.pool.query(`UPDATE api_key_secrets SET last_used_at = $2 WHERE api_key_id = ANY($1::uuid[])`, [apiKeyIds, at]);
  }
}
