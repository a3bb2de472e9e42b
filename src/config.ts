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
  /** The address people open the app at (PUBLIC_URL), for links in emails: invitations, password resets. */
  publicUrl?: string;
  demoPassword: string;
  seedDemo: boolean;
  /** Where time-driven parts read the time (src/shared/clock.ts); the system clock unless a test gives its own. */
  clock?: Clock;
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
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
    demoPassword: env.DEMO_PASSWORD || 'demo',
    // Demo data only on the embedded default, or when asked for explicitly.
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !databaseUrl,
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
