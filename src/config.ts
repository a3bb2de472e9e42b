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
  port: number;
  demoPassword: string;
  seedDemo: boolean;
  /** Where time-driven parts read the time (src/shared/clock.ts); the system clock unless a test gives its own. */
  clock?: Clock;
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
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const databaseUrl = env.DATABASE_URL || undefined;
  const data = env.DATA_DIR ? { dataDir: resolve(env.DATA_DIR) } : databaseUrl ? { dataDir: resolve('.data') } : defaultDataDir();
  return {
    databaseUrl,
    ...data,
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    kafkaBrokers: env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',').flatMap((broker) => broker.trim() || []) : undefined,
    jwtSecret: env.JWT_SECRET || (databaseUrl ? requiredInProduction('JWT_SECRET') : 'annals-embedded-development-secret'),
    port: Number(env.PORT || 3000),
    demoPassword: env.DEMO_PASSWORD || 'demo',
    // Demo data only on the embedded default, or when asked for explicitly.
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !databaseUrl,
    smtpUrl: env.SMTP_URL ? smtpUrl(env.SMTP_URL) : undefined,
    mailFrom: env.MAIL_FROM ? mailFrom(env.MAIL_FROM) : 'annals@localhost',
    publicUrl: (env.PUBLIC_URL ? publicUrl(env.PUBLIC_URL) : `http://localhost:${Number(env.PORT || 3000)}`).replace(/\/+$/, ''),
  };
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

const requiredInProduction = (name: string): never => {
  throw new Error(`${name} must be set when DATABASE_URL points at an external PostgreSQL server`);
};

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
