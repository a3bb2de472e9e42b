/**
 * Business time, as every part of annals reads it: what a command decides with (`CommandEnv.now`
 * and `today`: quote validity, invoice, due and payment dates, period locks), what a query calls
 * "today" (an invoice's `overdue`, the dashboard), the time-driven jobs (quotes expiring, invoices
 * falling overdue, tasks due in the morning, digests) and schedules (retries, token expiry). Inject
 * `CLOCK` instead of calling `new Date()`, so tests (or an operator's simulation) move time forward
 * instead of sleeping, and every part sees the same moment.
 *
 * Log time is not business time: the store's `recordedAt` is the log's transaction time, monotonic
 * with the position, and stays on the system clock with what is compared with it ("as known at"
 * moments) and the infrastructure's own timestamps (processor status, parks, leases, caches, the
 * webhook signature's timestamp that receivers check against their real clock).
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
