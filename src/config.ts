import { resolve } from 'node:path';

/** Everything annals reads from the environment, in one place (documented in the README). */
export interface AppConfig {
  /** External PostgreSQL; when absent, the embedded server is started with its data in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  eventStoreUrl?: string;
  kafkaBrokers?: string[];
  jwtSecret: string;
  port: number;
  demoPassword: string;
  seedDemo: boolean;
}

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    databaseUrl,
    dataDir: resolve(env.DATA_DIR || '.data'),
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    kafkaBrokers: env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean) : undefined,
    jwtSecret: env.JWT_SECRET || (databaseUrl ? requiredInProduction('JWT_SECRET') : 'annals-embedded-development-secret'),
    port: Number(env.PORT || 3000),
    demoPassword: env.DEMO_PASSWORD || 'demo',
    // Demo data only on the embedded default, or when asked for explicitly.
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO === 'true' : !databaseUrl,
  };
};

const requiredInProduction = (name: string): never => {
  throw new Error(`${name} must be set when DATABASE_URL points at an external PostgreSQL server`);
};
