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
  /** NODE_ENV=production: introspection and GraphiQL off unless `graphiql` says otherwise. */
  production?: boolean;
  /** GRAPHIQL=true|false: GraphiQL at /graphiql and schema introspection; on by default outside production. */
  graphiql?: boolean;
  /** IDEMPOTENCY_TTL_HOURS: how long an Idempotency-Key is remembered (24 h by default); older keys are pruned. */
  idempotencyTtlHours?: number;
  /** SHUTDOWN_GRACE_MS: how long in-flight requests may take to finish once SIGTERM is received (10 s by default). */
  shutdownGraceMs?: number;
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
    production: env.NODE_ENV === 'production',
    graphiql: env.GRAPHIQL ? booleanVariable('GRAPHIQL', env.GRAPHIQL) : undefined,
    idempotencyTtlHours: env.IDEMPOTENCY_TTL_HOURS ? positiveNumber('IDEMPOTENCY_TTL_HOURS', env.IDEMPOTENCY_TTL_HOURS) : undefined,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS ? positiveNumber('SHUTDOWN_GRACE_MS', env.SHUTDOWN_GRACE_MS) : undefined,
  };
};

const booleanVariable = (name: string, value: string): boolean => {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`${name} must be "true" or "false", not "${value}"`);
};

const positiveNumber = (name: string, value: string): number => {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
  return number;
};

/** GraphiQL and introspection: as GRAPHIQL says, else on outside production only. */
export const graphiqlEnabled = (config: Pick<AppConfig, 'production' | 'graphiql'>): boolean => config.graphiql ?? !config.production;

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
