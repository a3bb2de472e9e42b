import { IdentityError, IdentityErrorCode } from '../domain/identity.error';

interface Failures {
  count: number;
  last: number;
  blockedUntil: number;
}

export interface LimitPolicy {
  /** Failures allowed before the first wait. */
  free: number;
  /** The first wait; each further failure doubles it, up to `maxWaitMs`. */
  baseWaitMs: number;
  maxWaitMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
}

export const ACCOUNT_LIMIT: LimitPolicy = { free: 5, baseWaitMs: 1_000, maxWaitMs: 15 * 60_000, windowMs: 15 * 60_000 };
export const IP_LIMIT: LimitPolicy = { free: 30, baseWaitMs: 1_000, maxWaitMs: 15 * 60_000, windowMs: 15 * 60_000 };
const MAX_KEYS = 100_000;

/**
 * Failed sign-ins per account and per client address, with exponential backoff: after the free
 * failures each one doubles the wait before the next attempt is heard (the password is not even
 * checked meanwhile). In memory, per instance: behind several instances each limits on its own,
 * which still caps guessing at a few attempts per minute per instance.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly policies: { account: LimitPolicy; ip: LimitPolicy } = { account: ACCOUNT_LIMIT, ip: IP_LIMIT }) {}

  /** Throws TOO_MANY_LOGIN_ATTEMPTS while either key must wait. */
  check(account: string, ip: string, now: number): void {
    const wait = Math.max(this.waitFor(`account:${account}`, now), this.waitFor(`ip:${ip}`, now));
    if (wait > 0)
      throw new IdentityError(IdentityErrorCode.TooManyLoginAttempts, `Too many failed sign-ins: wait ${Math.ceil(wait / 1000)} s and try again`, {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
  }

  failed(account: string, ip: string, now: number): void {
    this.count(`account:${account}`, this.policies.account, now);
    this.count(`ip:${ip}`, this.policies.ip, now);
  }

  succeeded(account: string): void {
    this.failures.delete(`account:${account}`);
  }

  private waitFor(key: string, now: number): number {
    const entry = this.failures.get(key);
    return entry ? Math.max(0, entry.blockedUntil - now) : 0;
  }

  private count(key: string, policy: LimitPolicy, now: number): void {
    const previous = this.failures.get(key);
    const count = previous && now - previous.last < policy.windowMs ? previous.count + 1 : 1;
    const over = count - policy.free;
    const blockedUntil = over > 0 ? now + Math.min(policy.baseWaitMs * 2 ** (over - 1), policy.maxWaitMs) : 0;
    this.failures.delete(key);
    this.failures.set(key, { count, last: now, blockedUntil });
    if (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }
}
