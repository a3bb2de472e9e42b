import type { Clock } from './shared/clock';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { blockedFolder, postgresAccount, runsAsRoot, STATE_ROOT } from './shared/database/reachable';

/** Everything annals reads from the environment, in one place (documented in the README). */
export interface AppConfig {
  /** External PostgreSQL; when absent, the embedded server is started with its data in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Why `dataDir` is not the default `.data` (said once at start), when it is not. */
  dataDirNote?: string;
  eventStoreUrl?: string;
  kafkaBrokers?: string[];
  jwtSecret: string;
  /** The platform operator's credential (OPERATOR_TOKEN): projections across tenants, rebuild, replay, retry. None: no operator over the API. */
  operatorToken?: string;
  port: number;
  /** Where HTTP listens (HOST): 127.0.0.1 on the embedded default, else 0.0.0.0. */
  host?: string;
  demoPassword: string;
  seedDemo: boolean;
  /** Where time-driven parts read the time (src/shared/clock.ts); the system clock unless a test gives its own. */
  clock?: Clock;
  /**
   * How long a user's or API key's current state is trusted per instance before it is read again (2 s by default). A change made
   * on any instance forgets it on every instance at once (NOTIFY); tests lengthen it to show that.
   */
  principalCacheMs?: number;
  /** NODE_ENV=production: introspection and GraphiQL off unless `graphiql` says otherwise. */
  production?: boolean;
  /** GRAPHIQL=true|false: GraphiQL at /graphiql and schema introspection; on by default outside production. */
  graphiql?: boolean;
  /** IDEMPOTENCY_TTL_HOURS: how long an Idempotency-Key is remembered (24 h by default); older keys are pruned. */
  idempotencyTtlHours?: number;
  /** SHUTDOWN_GRACE_MS: how long in-flight requests may take to finish once SIGTERM is received (10 s by default). */
  shutdownGraceMs?: number;
  /** Email: SMTP server (`smtp://user:pass@host:587`); without it emails are only kept in the outbox. */
  smtpUrl?: string;
  /** The sender address of every email (the tenant's name is its display name). */
  mailFrom?: string;
  /** Where people open annals: links in emails point here. */
  publicUrl?: string;
  /** Mail delivery's retry schedule and the notifier's timers (tests compress them). */
  mailRetry?: { firstDelayMs: number; attempts: number };
  /** How often the time-driven part of notifications (tasks due, digests) and the mail sender look for due work. */
  notificationTickMs?: number;
  /** Webhook delivery (WEBHOOK_* variables); each part left out takes its default (src/webhooks/application/webhooks.config.ts). */
  webhooks?: Partial<WebhooksConfig>;
}

export interface WebhooksConfig {
  /** Seconds to wait before each attempt (the first is usually 0): WEBHOOK_RETRY_SCHEDULE. */
  retrySchedule: number[];
  /** WEBHOOK_TIMEOUT_MS: an attempt that takes longer fails. */
  timeoutMs: number;
  /** WEBHOOK_DISABLE_AFTER_HOURS: a failing endpoint with no success for this long is disabled. */
  disableAfterHours: number;
  /** WEBHOOKS_ALLOW_PRIVATE_NETWORKS: http and private, loopback or link-local addresses allowed. */
  allowPrivateNetworks: boolean;
  /** WEBHOOK_LOG_RETENTION_DAYS: attempts (and delivered deliveries) older than this are pruned; replay still works from the log. */
  logRetentionDays: number;
  /** The dispatcher's checkpoint name, or Kafka consumer group (`webhooks.dispatcher`); tests sharing a broker give their own. */
  dispatcherName: string;
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const databaseUrl = env.DATABASE_URL || undefined;
  const data = env.DATA_DIR ? { dataDir: resolve(env.DATA_DIR) } : databaseUrl ? { dataDir: resolve('.data') } : defaultDataDir();
  return {
    databaseUrl,
    ...data,
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    kafkaBrokers: env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',').flatMap((broker) => broker.trim() || []) : undefined,
    jwtSecret: jwtSecret(env),
    operatorToken: operatorToken(env),
    port: Number(env.PORT || 3000),
    host: env.HOST || (embeddedDefault(env) ? '127.0.0.1' : '0.0.0.0'),
    demoPassword: env.DEMO_PASSWORD || 'demo',
    // Demo data only on the embedded default, or when asked for explicitly.
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !databaseUrl,
    production: env.NODE_ENV === 'production',
    graphiql: env.GRAPHIQL ? booleanVariable('GRAPHIQL', env.GRAPHIQL) : undefined,
    idempotencyTtlHours: env.IDEMPOTENCY_TTL_HOURS ? positiveNumber('IDEMPOTENCY_TTL_HOURS', env.IDEMPOTENCY_TTL_HOURS) : undefined,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS ? positiveNumber('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS) : undefined,
    smtpUrl: env.SMTP_URL ? smtpUrl(env.SMTP_URL) : undefined,
    mailFrom: env.MAIL_FROM ? mailFrom(env.MAIL_FROM) : 'annals@localhost',
    publicUrl: (env.PUBLIC_URL ? publicUrl(env.PUBLIC_URL) : `http://localhost:${Number(env.PORT || 3000)}`).replace(/\/+$/, ''),
    webhooks: webhooksConfig(env, !databaseUrl),
  };
};

export const DEVELOPMENT_JWT_SECRET = 'annals-embedded-development-secret';
const MIN_SECRET_BYTES = 32;

/** The embedded default: no external database, log or broker, and not NODE_ENV=production. Only there may the development secret sign tokens. */
const embeddedDefault = (env: NodeJS.ProcessEnv) => !env.DATABASE_URL && !env.EVENTSTORE_URL && !env.KAFKA_BROKERS && env.NODE_ENV !== 'production';

const jwtSecret = (env: NodeJS.ProcessEnv): string => {
  if (!env.JWT_SECRET && embeddedDefault(env)) return DEVELOPMENT_JWT_SECRET;
  const why =
    env.NODE_ENV === 'production' ? 'NODE_ENV=production' : 'the app is not on the embedded default (DATABASE_URL, EVENTSTORE_URL or KAFKA_BROKERS is set)';
  if (!env.JWT_SECRET) throw new Error(`JWT_SECRET must be set when ${why}: generate one with \`openssl rand -base64 48\``);
  if (Buffer.byteLength(env.JWT_SECRET, 'utf8') < MIN_SECRET_BYTES || env.JWT_SECRET === DEVELOPMENT_JWT_SECRET)
    throw new Error(`JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes and not the development secret: generate one with \`openssl rand -base64 48\``);
  return env.JWT_SECRET;
};

const operatorToken = (env: NodeJS.ProcessEnv): string | undefined => {
  if (!env.OPERATOR_TOKEN) return undefined;
  if (Buffer.byteLength(env.OPERATOR_TOKEN, 'utf8') < MIN_SECRET_BYTES)
    throw new Error(`OPERATOR_TOKEN must be at least ${MIN_SECRET_BYTES} bytes: generate one with \`openssl rand -base64 48\``);
  return env.OPERATOR_TOKEN;
};

const positiveNumber = (name: string, value: string, integer = false): number => {
  const n = Number(value);
  if (!value.trim() || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    throw new Error(`${name} must be a positive ${integer ? 'whole ' : ''}number, not "${value}"`);
  return n;
};

/** The WEBHOOK_* variables, checked: a wrong value stops the start with a message naming it. */
const webhooksConfig = (env: NodeJS.ProcessEnv, embedded: boolean): Partial<WebhooksConfig> => {
  const config: Partial<WebhooksConfig> = {};
  if (env.WEBHOOK_RETRY_SCHEDULE) {
    const parts = env.WEBHOOK_RETRY_SCHEDULE.split(',').map((part) => part.trim());
    const schedule = parts.map(Number);
    if (parts.length > 50 || parts.some((part) => !part) || schedule.some((n) => !Number.isFinite(n) || n < 0 || n > 7 * 86_400))
      throw new Error(
        `WEBHOOK_RETRY_SCHEDULE must be 1 to 50 comma-separated delays in seconds (0 to 604800), such as "0,5,300"; got "${env.WEBHOOK_RETRY_SCHEDULE}"`,
      );
    config.retrySchedule = schedule;
  }
  if (env.WEBHOOK_TIMEOUT_MS) config.timeoutMs = positiveNumber('WEBHOOK_TIMEOUT_MS', env.WEBHOOK_TIMEOUT_MS, true);
  if (env.WEBHOOK_DISABLE_AFTER_HOURS) config.disableAfterHours = positiveNumber('WEBHOOK_DISABLE_AFTER_HOURS', env.WEBHOOK_DISABLE_AFTER_HOURS);
  if (env.WEBHOOK_LOG_RETENTION_DAYS) config.logRetentionDays = positiveNumber('WEBHOOK_LOG_RETENTION_DAYS', env.WEBHOOK_LOG_RETENTION_DAYS);
  const allow = env.WEBHOOKS_ALLOW_PRIVATE_NETWORKS;
  if (allow && allow !== 'true' && allow !== 'false') throw new Error(`WEBHOOKS_ALLOW_PRIVATE_NETWORKS must be true or false, not "${allow}"`);
  // On for the embedded default (a developer's machine), off for a real deployment unless asked.
  config.allowPrivateNetworks = allow ? allow === 'true' : embedded;
  return config;
};

const smtpUrl = (value: string): string => {
  if (!/^smtps?:\/\/[^/\s]+/.test(value))
    throw new Error(`SMTP_URL must look like smtp://user:pass@mail.example.com:587 (or smtps://...), got "${value.replace(/:[^:@/]*@/, ':***@')}"`);
  return value;
};

const mailFrom = (value: string): string => {
  if (!/^[^@\s<>]+@[^@\s<>]+$/.test(value.trim())) throw new Error(`MAIL_FROM must be an email address such as annals@example.com, got "${value}"`);
  return value.trim();
};

const publicUrl = (value: string): string => {
  if (!/^https?:\/\/[^/\s]+/.test(value)) throw new Error(`PUBLIC_URL must be where people open annals, such as https://annals.example.com, got "${value}"`);
  return value.trim();
};

const booleanVariable = (name: string, value: string): boolean => {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`${name} must be "true" or "false", not "${value}"`);
};

/** GraphiQL and introspection: as GRAPHIQL says, else on outside production only. */
export const graphiqlEnabled = (config: Pick<AppConfig, 'production' | 'graphiql'>): boolean => config.graphiql ?? !config.production;

/**
 * `.data` in the working folder, unless the embedded PostgreSQL could not use it: run as root,
 * the server runs as the `postgres` user, which cannot enter a checkout in root's home folder.
 * Then the data goes to a folder of its own under /var/lib/annals, the same one at every start
 * from this checkout.
 */
const defaultDataDir = (): Pick<AppConfig, 'dataDir' | 'dataDirNote'> => {
  const local = resolve('.data');
  if (!runsAsRoot()) return { dataDir: local };
  const blocked = blockedFolder(dirname(local), postgresAccount());
  if (!blocked) return { dataDir: local };
  const slug = `${basename(dirname(local)).replace(/[^A-Za-z0-9._-]/g, '_')}-${createHash('sha256').update(local).digest('hex').slice(0, 8)}`;
  const dataDir = join(STATE_ROOT, 'data', slug);
  return { dataDir, dataDirNote: `the postgres user cannot enter ${blocked}, so the data is kept in ${dataDir} instead of ${local} (set DATA_DIR to choose)` };
};
