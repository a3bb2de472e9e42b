/**
 * Commands: C concurrent GraphQL clients over real HTTP, each looping captureLead then qualifyLead
 * on the lead it captured; each answer must already show the change (read-your-writes).
 */
import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { Pool } from 'undici';
import { join } from 'node:path';
import { withBaselineWorktree } from './lib/baseline';
import { processTreeCpuSeconds } from './lib/pg';
import { log, now, summarize } from './lib/stats';

const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id status } }`;
const QUALIFY = `mutation ($id: ID!) { qualifyLead(id: $id) { id status } }`;

/** The app of the checkout at `root` (this one, or a baseline's worktree) in its own process. */
export const startServer = (databaseUrl: string, nodeArgs: string[], root: string) =>
  new Promise<{ url: string; pid: number; stop(): Promise<void> }>((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', join(root, 'bench', 'commands-server.ts'), databaseUrl], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const stopped = new Promise<void>((done) => child.on('exit', () => done()));
    child.on('error', reject);
    child.on('exit', (code) => !out.includes('READY') && reject(new Error(`app exited with ${code} before listening`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /READY (\S+)/.exec(out);
      if (match)
        resolve({
          url: match[1],
          pid: child.pid!,
          stop: async () => {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await stopped;
            clearTimeout(timer);
          },
        });
    });
  });

/** pg_stat_statements of the app's database (the server must preload it: `--pg-stats`). */
const serverStatements = async (databaseUrl: string) => {
  const client = new Client(databaseUrl);
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return {
    reset: async () => void (await client.query('SELECT pg_stat_statements_reset()')),
    print: async (commands: number) => {
      const { rows } = await client.query(
        `SELECT calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY total_exec_time DESC LIMIT 40`,
      );
      log(`server time per statement (pg_stat_statements, ${commands} commands):`);
      for (const row of rows)
        console.log(
          `  ${(row.total_exec_time / commands).toFixed(3).padStart(7)} ms/command  ${(Number(row.calls) / commands).toFixed(2).padStart(5)} calls/command  ${row.query}`,
        );
      await client.end();
    },
  };
};

export interface CommandsOptions {
  clients: number;
  seconds: number;
  profile?: string;
  serverCpuSeconds?: () => number;
  statements?: boolean;
  /** Checkout whose app runs (default: this one). */
  root?: string;
}

export const benchCommands = async (databaseUrl: string, options: CommandsOptions) => {
  const nodeArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [];
  const server = await startServer(databaseUrl, nodeArgs, options.root ?? join(__dirname, '..'));
  // One keep-alive connection per client through undici's Pool (fetch's machinery, without the
  // WHATWG layer: the load generator shares the 2 cores with the app and PostgreSQL, so its own
  // CPU per request is kept low; it is reported below).
  const http = new Pool(server.url, { connections: options.clients, pipelining: 1 });
  try {
    const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await http.request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.body.json()) as { data?: any; errors?: any[] };
      if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
      return body.data;
    };
    const login = await post(`mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, {
      email: 'admin@acme.test',
      password: 'demo',
    });
    const token: string = login.login.token;

    const latencies: number[] = [];
    let commands = 0;
    let counter = 0;
    const loop = async (deadline: number, record: boolean) => {
      while (now() < deadline) {
        const n = counter++;
        let t0 = now();
        const captured = (await post(CAPTURE, { input: { name: `Bench lead ${n}`, email: `bench${n}@example.test` } }, token)).captureLead;
        if (captured.status !== 'NEW') throw new Error(`captureLead answered status ${captured.status}: not read-your-writes`);
        if (record) latencies.push(now() - t0);
        t0 = now();
        const qualified = (await post(QUALIFY, { id: captured.id }, token)).qualifyLead;
        if (qualified.status !== 'QUALIFIED') throw new Error(`qualifyLead answered status ${qualified.status}: not read-your-writes`);
        if (record) {
          latencies.push(now() - t0);
          commands += 2;
        }
      }
    };
    // Warm-up (JIT, connection pools, plan caches), then the measured run.
    await Promise.all(Array.from({ length: options.clients }, () => loop(now() + 2000, false)));
    // CPU per command, app and PostgreSQL apart: less sensitive to a busy machine than the rates.
    const cpu = () => ({ app: processTreeCpuSeconds(server.pid), postgres: options.serverCpuSeconds?.() ?? Number.NaN, bench: process.cpuUsage() });
    const statements = options.statements ? await serverStatements(databaseUrl) : undefined;
    await statements?.reset();
    const cpu0 = cpu();
    const t0 = now();
    const deadline = t0 + options.seconds * 1000;
    await Promise.all(Array.from({ length: options.clients }, () => loop(deadline, true)));
    const seconds = (now() - t0) / 1000;
    const cpu1 = cpu();
    await statements?.print(commands);
    const latency = summarize(latencies);
    const perCommandMs = (before: number, after: number) => ((after - before) * 1000) / commands;
    const appCpu = perCommandMs(cpu0.app, cpu1.app);
    const postgresCpu = perCommandMs(cpu0.postgres, cpu1.postgres);
    const benchCpu = perCommandMs(0, (process.cpuUsage(cpu0.bench).user + process.cpuUsage(cpu0.bench).system) / 1e6);
    log(
      `commands: ${Math.round(commands / seconds)}/s, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms; ` +
        `CPU per command: app ${appCpu.toFixed(2)} ms, PostgreSQL ${postgresCpu.toFixed(2)} ms, load generator ${benchCpu.toFixed(2)} ms`,
    );
    return {
      command_p50_ms: latency.p50,
      command_p99_ms: latency.p99,
      commands_per_s: commands / seconds,
      command_max_ms: latency.max,
      command_app_cpu_ms: appCpu,
      command_postgres_cpu_ms: postgresCpu,
      command_load_generator_cpu_ms: benchCpu,
    };
  } finally {
    await http.close();
    await server.stop();
  }
};

/**
 * `--baseline REF`: the same commands benchmark against the app as it was at REF (a git worktree
 * sharing this checkout's node_modules), interleaved with this checkout's (baseline, current,
 * current, baseline), each on a fresh database, so the machine's noise hits both: the ratio of
 * the two is the change's effect.
 */
export const benchCommandsAgainstBaseline = async (
  createDatabase: (name: string) => Promise<string>,
  ref: string,
  options: CommandsOptions,
): Promise<Record<string, number | string>> => {
  const here = join(__dirname, '..');
  const runs: Record<'baseline' | 'current', Record<string, number>[]> = { baseline: [], current: [] };
  const sha = await withBaselineWorktree(ref, async (root, sha) => {
    for (const side of ['baseline', 'current', 'current', 'baseline'] as const) {
      const url = await createDatabase(`bench_app_${side}`);
      log(`commands (${side === 'baseline' ? `baseline ${sha}` : 'this checkout'}):`);
      runs[side].push(await benchCommands(url, { ...options, root: side === 'baseline' ? root : here }));
    }
    return sha;
  });
  const mean = (side: 'baseline' | 'current', key: string) => runs[side].reduce((sum, run) => sum + run[key], 0) / runs[side].length;
  const figures: Record<string, number | string> = { baseline_ref: sha };
  for (const key of ['commands_per_s', 'command_p50_ms', 'command_p99_ms', 'command_app_cpu_ms', 'command_postgres_cpu_ms']) {
    figures[key] = mean('current', key);
    figures[`baseline_${key}`] = mean('baseline', key);
  }
  log(
    `against ${sha}: commands/s ${((figures.commands_per_s as number) / (figures.baseline_commands_per_s as number)).toFixed(2)}x, ` +
      `p99 ${((figures.command_p99_ms as number) / (figures.baseline_command_p99_ms as number)).toFixed(2)}x, ` +
      `app CPU per command ${((figures.command_app_cpu_ms as number) / (figures.baseline_command_app_cpu_ms as number)).toFixed(2)}x, ` +
      `PostgreSQL CPU per command ${((figures.command_postgres_cpu_ms as number) / (figures.baseline_command_postgres_cpu_ms as number)).toFixed(2)}x`,
  );
  return figures;
};
