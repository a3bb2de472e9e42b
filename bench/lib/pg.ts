import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
  /** CPU seconds (user + system) used so far by the server's processes (postmaster, backends, WAL writer...). */
  cpuSeconds(): number;
  /** A CHECKPOINT: the next writes to every page pay a full-page image in the WAL again, for whoever runs next. */
  checkpoint(): Promise<void>;
  stop(): Promise<void>;
}

/** A fresh embedded PostgreSQL in a temp folder, with the app's settings (synchronous_commit on, fsync on). */
export const startBenchServer = async (keep = false, options: { statements?: boolean } = {}): Promise<BenchServer> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'annals-bench-'));
  const handle = await startEmbeddedPostgres({
    dataDir,
    database: 'bench',
    settings: options.statements ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } : {},
  });
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
    checkpoint: async () => void (await admin.query('CHECKPOINT')),
    cpuSeconds: () => {
      const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      return processTreeCpuSeconds(postmaster);
    },
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
  const { openDatabase, migrate } = await import('../../src/app-database');
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

const CLOCK_TICKS = 100; // USER_HZ on Linux

const procStat = (pid: number | string): { ppid: number; seconds: number } | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
  } catch {
    return undefined; // gone meanwhile
  }
};

/** CPU seconds of a process and of its live children (Linux /proc; children that exited are not counted). */
export const processTreeCpuSeconds = (pid: number): number => {
  let seconds = procStat(pid)?.seconds ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat?.ppid === pid) seconds += stat.seconds;
  }
  return seconds;
};
