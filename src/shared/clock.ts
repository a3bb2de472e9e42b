/**
 * The time, as every time-driven part of annals reads it (invoices falling overdue, tasks due in the
 * morning, retry schedules): inject `CLOCK` instead of calling `new Date()`, so tests move time
 * forward instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
