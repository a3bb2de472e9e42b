import type { AppConfig, WebhooksConfig } from '../../config';

/** The Standard Webhooks schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
export const STANDARD_RETRY_SCHEDULE = [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];

export const WEBHOOKS_CONFIG = Symbol('WEBHOOKS_CONFIG');

/** The dispatcher's default name: its checkpoint (or Kafka consumer group) and its row in `projections`. */
export const WEBHOOK_DISPATCHER = 'webhooks.dispatcher';

/** The webhook settings with their defaults; private networks are allowed by default only on the embedded default. */
export const resolveWebhooksConfig = (config: Pick<AppConfig, 'webhooks' | 'databaseUrl'>): WebhooksConfig => ({
  retrySchedule: STANDARD_RETRY_SCHEDULE,
  timeoutMs: 15_000,
  disableAfterHours: 120,
  logRetentionDays: 30,
  allowPrivateNetworks: !config.databaseUrl,
  dispatcherName: WEBHOOK_DISPATCHER,
  ...Object.fromEntries(Object.entries(config.webhooks ?? {}).filter(([, value]) => value !== undefined)),
});

/**
 * The wait before the next attempt after `attempts` attempts (null: no attempt left). Jitter of up to
 * ±10% spreads the retries of many deliveries that failed together (an endpoint back up after an outage).
 */
export const nextDelayMs = (schedule: readonly number[], attempts: number, random = Math.random): number | null => {
  if (attempts >= schedule.length) return null;
  const seconds = schedule[attempts];
  return Math.round(seconds * 1000 * (0.9 + 0.2 * random()));
};

/** Retry-After honoured within bounds: at least 1 s, at most 24 h. Seconds or an HTTP date; null when absent or unreadable. */
export const retryAfterMs = (header: string | undefined, now: Date): number | null => {
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : Date.parse(header) - now.getTime();
  if (!Number.isFinite(seconds)) return null;
  return Math.min(Math.max(seconds, 1000), 86_400_000);
};
