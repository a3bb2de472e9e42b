import { Inject, Injectable, Logger } from '@nestjs/common';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { IdentityError, IdentityErrorCode } from '../domain/identity.error';

export interface LimitPolicy {
  /** Failures allowed before the first wait. */
  free: number;
  /** The first wait; each further failure doubles it, up to `maxWaitMs`. */
  baseWaitMs: number;
  maxWaitMs: number;
  /** Failures are forgotten once none came for this long. */
  windowMs: number;
}

export const ACCOUNT_LIMIT: LimitPolicy = { free: 5, baseWaitMs: 1_000, maxWaitMs: 15 * 60_000, windowMs: 15 * 60_000 };
export const IP_LIMIT: LimitPolicy = { free: 30, baseWaitMs: 1_000, maxWaitMs: 15 * 60_000, windowMs: 15 * 60_000 };
/** Rows of keys with no failure for a whole window are deleted this often (by each instance, from the sign-in path). */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * One statement per attempt: is either key waiting (the backoff computed from its count and its last
 * failure), and if not, count this attempt as a failure of both keys now, before the password is
 * checked. Counting first means that attempts in flight on other instances are already counted, so
 * a burst spread over many instances is limited as one; a success gives its count back (`settle`).
 * Asynchronous commit: a count lost in a crash lets at most the attempts of that moment through again.
 */
const ATTEMPT_SQL = `
  WITH k AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::float8[], $4::float8[], $5::float8[]) AS k(key, free, base_ms, max_ms, window_ms)
  ), blocked AS (
    SELECT max(l.last_failed_at + least(k.base_ms * power(2, least(l.failures - k.free - 1, 40)), k.max_ms) * interval '1 millisecond') AS until
    FROM identity_login_limits l JOIN k USING (key)
    WHERE l.expires_at > $6 AND l.failures > k.free
  ), counted AS (
    INSERT INTO identity_login_limits AS l (key, failures, last_failed_at, expires_at)
    SELECT key, 1, $6, $6 + window_ms * interval '1 millisecond' FROM k
    WHERE NOT EXISTS (SELECT FROM blocked WHERE until > $6)
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN l.expires_at > EXCLUDED.last_failed_at THEN l.failures + 1 ELSE 1 END,
      last_failed_at = EXCLUDED.last_failed_at,
      expires_at = EXCLUDED.expires_at
    RETURNING 1
  )
  SELECT (SELECT until FROM blocked WHERE until > $6) AS until, set_config('synchronous_commit', 'off', true)`;

/** A success: the account's failures are forgotten, and the address gets back the attempt counted for it. */
const SETTLE_SQL = `
  WITH forgotten AS (DELETE FROM identity_login_limits WHERE key = $1)
  UPDATE identity_login_limits SET failures = failures - 1 WHERE key = $2 AND failures > 0`;

/**
 * Failed sign-ins per account and per client address, with exponential backoff: after the free
 * failures each one doubles the wait before the next attempt is heard (the password is not even
 * checked meanwhile). Kept in PostgreSQL (`identity_login_limits`), so every instance behind the
 * load balancer limits the same counts and a restart forgets nothing; one round trip per attempt.
 *
 * When the database does not answer, sign-in fails closed: SIGN_IN_UNAVAILABLE, no password checked
 * (it could not be checked anyway: the accounts are in the same database).
 */
@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger('LoginLimiter');
  private prunedAt = 0;
  private readonly policies: { account: LimitPolicy; ip: LimitPolicy } = { account: ACCOUNT_LIMIT, ip: IP_LIMIT };

  constructor(@Inject(DATABASE) private readonly database: Pick<Database, 'pool'>) {}

  /** Counts an attempt for both keys, or throws TOO_MANY_LOGIN_ATTEMPTS while either must wait (nothing counted then). */
  async attempt(account: string, ip: string, now: Date): Promise<void> {
    const { account: a, ip: i } = this.policies;
    let until: Date | null;
    try {
      const { rows } = await this.database.pool.query({
        name: 'identity_login_attempt',
        text: ATTEMPT_SQL,
        values: [[`account:${account}`, `ip:${ip}`], [a.free, i.free], [a.baseWaitMs, i.baseWaitMs], [a.maxWaitMs, i.maxWaitMs], [a.windowMs, i.windowMs], now],
      });
      until = rows[0]?.until ?? null;
    } catch (error) {
      this.logger.warn(`Sign-in refused: the failed sign-ins could not be counted (${(error as Error).message})`);
      throw new IdentityError(IdentityErrorCode.SignInUnavailable, 'Sign-in is not available right now (the database does not answer); try again in a minute');
    }
    this.prune(now);
    if (!until) return;
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    throw new IdentityError(IdentityErrorCode.TooManyLoginAttempts, `Too many failed sign-ins: wait ${seconds} s and try again`, {
      retryAfterSeconds: seconds,
    });
  }

  /** The attempt succeeded: off the answer's path (the next attempt of a person who just signed in is not a guess). */
  succeeded(account: string, ip: string): void {
    void this.database.pool
      .query(SETTLE_SQL, [`account:${account}`, `ip:${ip}`])
      .catch((error: Error) => this.logger.warn(`Could not forget the failed sign-ins of an account: ${error.message}`));
  }

  private prune(now: Date): void {
    if (now.getTime() - this.prunedAt < PRUNE_EVERY_MS && now.getTime() >= this.prunedAt) return;
    this.prunedAt = now.getTime();
    void this.database.pool.query(`DELETE FROM identity_login_limits WHERE expires_at < $1`, [now]).catch(() => undefined);
  }
}
