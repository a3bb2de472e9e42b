import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { startEmbeddedPostgres } from '../../src/shared/database/embedded-postgres';

export interface BenchServer {
  /** postgres://…/<database> on the bench server. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  version: string;
  settings: Record<string, string>;
  stop(): Promise<void>;
}

/** A fresh embedded PostgreSQL in a temp folder, with the app's settings (synchronous_commit on, fsync on). */
export const startBenchServer = async (keep = false): Promise<BenchServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'annals-bench-'));
  const handle = await startEmbeddedPostgres({ dataDir, database: 'bench' });
  const urlFor = (database: string) => {
    const url = new URL(handle.url);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const admin = new Client(urlFor('postgres'));
  await admin.connect();
  const version = (await admin.query('SHOW server_version')).rows[0].server_version as string;
  const settings: Record<string, string> = {};
  for (const name of ['synchronous_commit', 'fsync', 'wal_sync_method', 'shared_buffers', 'max_wal_size', 'full_page_writes'])
    settings[name] = (await admin.query(`SHOW ${name}`)).rows[0][name];
  return {
    urlFor,
    version,
    settings,
    createDatabase: async (name) => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
      return urlFor(name);
    },
    stop: async () => {
      await admin.end();
      await handle.stop();
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** The whole app schema (event store, read models, checkpoints), through the app's own migrations. */
export const migrateAppSchema = async (url: string): Promise<void> => {
  const { openDatabase, migrate } = await import('../../src/shared/database/database');
  const database = await openDatabase(url, { poolSize: 2 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
};

export const newPool = (url: string, max: number) => {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
};
