/**
 * `npm run bench`: every benchmark of issue 4 in one run on one fresh embedded PostgreSQL, so the
 * machine's noise hits annals, the peer and the floor alike. Prints a table and writes
 * bench/results.json. Flags: see `npm run bench -- --help` and bench/README.md.
 */
import '../src/shared/node-compat'; // first: MikroORM 7 on Node 20
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchAppend } from './append';
import { benchAudit } from './audit';
import { benchCommands, benchCommandsAgainstBaseline } from './commands';
import { benchAgainstBaseline } from './lib/baseline';
import { migrateAppSchema, newPool, startBenchServer } from './lib/pg';
import { log, now, parseArgs, printTable, round } from './lib/stats';
import { benchReadAll } from './read-all';
import { benchRebuild } from './rebuild';
import { benchIntegrationEvents } from './integration-events';
import { benchNotifications } from './notifications';
import { benchEdgeLimits } from './edge-limits';
import { benchRelay } from './relay';
import { benchWebhooks } from './webhooks';
import { seedEvents } from './seed';

const BENCHES = ['append', 'read-all', 'rebuild', 'commands', 'relay', 'notifications', 'edge', 'audit', 'integration', 'webhooks'] as const;

/** The first line of /proc/stat (Linux): CPU ticks by state, summed over CPUs; null elsewhere. */
const hostCpuTicks = (): number[] | null => {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return null;
  }
};

/** Share of CPU time the hypervisor gave to others while this VM wanted it (the 8th field, steal). */
const hostStealShare = (before: number[] | null, after: number[] | null): number | null => {
  if (!before || !after) return null;
  const total = after.slice(0, 8).reduce((sum, ticks, i) => sum + ticks - before[i], 0);
  return total > 0 ? round((after[7] - before[7]) / total, 3) : null;
};

const main = async () => {
  const args = parseArgs(process.argv.slice(2));
  const wanted = (name: (typeof BENCHES)[number]) => !args.only || args.only.includes(name);
  if (args.only) for (const name of args.only) if (!BENCHES.includes(name as never)) throw new Error(`--only ${name}: one of ${BENCHES.join(', ')}`);
  const profileDir = process.env.BENCH_CPU_PROF ? mkdtempSync(join(tmpdir(), 'annals-bench-prof-')) : undefined;

  const started = now();
  const cpuAtStart = hostCpuTicks();
  const server = await startBenchServer(args.keep, { statements: args.pgStats });
  log(`PostgreSQL ${server.version} ready (${JSON.stringify(server.settings)})`);
  const figures: Record<string, number | string | null> = {};
  try {
    // With a baseline, append and rebuild run as whole bench runs of each checkout (its own store and runner), interleaved.
    const againstBaseline = args.baseline ? (['append', 'rebuild'] as const).filter(wanted) : [];
    if (args.baseline && againstBaseline.length > 0)
      Object.assign(
        figures,
        await benchAgainstBaseline(
          args.baseline,
          [...againstBaseline],
          ['--events', String(args.events), '--writers', String(args.writers), '--append-seconds', String(args.appendSeconds)],
        ),
      );
    const here = (name: 'append' | 'rebuild') => wanted(name) && !againstBaseline.includes(name);

    if (here('append')) Object.assign(figures, await benchAppend(server, { writers: args.writers, seconds: args.appendSeconds }));

    if (wanted('read-all') || here('rebuild') || wanted('relay')) {
      const url = await server.createDatabase('bench_log');
      await migrateAppSchema(url);
      const pool = newPool(url, 2);
      const t0 = now();
      await seedEvents(pool, args.events);
      await pool.end();
      figures.seed_seconds = (now() - t0) / 1000;
      log(`seeded ${args.events} events in ${(figures.seed_seconds as number).toFixed(1)} s`);
      if (wanted('read-all')) Object.assign(figures, await benchReadAll(url, args.events));
      if (here('rebuild')) Object.assign(figures, await benchRebuild(url, { profile: profileDir }));
      if (wanted('relay')) Object.assign(figures, await benchRelay(url, Math.min(args.relayEvents, args.events)));
    }

    if (wanted('integration')) Object.assign(figures, await benchIntegrationEvents(await server.createDatabase('bench_integration')));

    if (wanted('commands')) {
      const options = {
        clients: args.clients,
        seconds: args.commandSeconds,
        profile: profileDir,
        serverCpuSeconds: server.cpuSeconds,
        statements: args.pgStats,
      };
      Object.assign(
        figures,
        args.baseline
          ? await benchCommandsAgainstBaseline((name) => server.createDatabase(name), args.baseline, options)
          : await benchCommands(await server.createDatabase('bench_app'), options),
      );
    }

    if (wanted('notifications')) Object.assign(figures, await benchNotifications(await server.createDatabase('bench_notifications')));
    if (wanted('edge')) Object.assign(figures, benchEdgeLimits());
    if (wanted('audit')) Object.assign(figures, await benchAudit(server));
    if (wanted('webhooks')) Object.assign(figures, await benchWebhooks(await server.createDatabase('bench_webhooks')));
  } finally {
    await server.stop();
  }

  const fig = (name: string) => (typeof figures[name] === 'number' ? (figures[name] as number) : null);
  const ratio = (a: string, b: string) => (fig(a) !== null && fig(b) ? fig(a)! / fig(b)! : null);
  const table: (string | number | null)[][] = [
    [
      'append 1x8 (events/s)',
      fig('append_1x8_per_s'),
      fig('append_1x8_peer_per_s'),
      fig('append_1x8_floor_per_s'),
      ratio('append_1x8_per_s', 'append_1x8_peer_per_s'),
      ratio('append_1x8_per_s', 'append_1x8_floor_per_s'),
      '≥1.5x peer, ≥0.70 floor',
    ],
    [
      'append 10x8 (events/s)',
      fig('append_10x8_per_s'),
      fig('append_10x8_peer_per_s'),
      fig('append_10x8_floor_per_s'),
      ratio('append_10x8_per_s', 'append_10x8_peer_per_s'),
      ratio('append_10x8_per_s', 'append_10x8_floor_per_s'),
      '≥1.5x peer, ≥0.70 floor',
    ],
    ['append 1x8 p99 (ms)', fig('append_1x8_p99_ms'), fig('append_1x8_peer_p99_ms'), fig('append_1x8_floor_p99_ms'), null, null, ''],
    [
      'read all (events/s)',
      fig('read_all_per_s'),
      null,
      fig('read_all_floor_per_s'),
      null,
      ratio('read_all_per_s', 'read_all_floor_per_s'),
      '≥150,000/s, ≥0.50 floor',
    ],
    [
      'rebuild (events/s)',
      fig('rebuild_per_s'),
      null,
      fig('rebuild_floor_per_s'),
      null,
      ratio('rebuild_per_s', 'rebuild_floor_per_s'),
      '≥30,000/s, ≥0.40 floor',
    ],
    ['rebuild peak RSS (MB)', fig('rebuild_peak_rss_mb'), null, fig('rebuild_floor_peak_rss_mb'), null, null, '<400 MB'],
    ['command p50 (ms)', fig('command_p50_ms'), null, null, null, null, ''],
    ['command p99 (ms)', fig('command_p99_ms'), null, null, null, null, '≤50 ms'],
    ['commands/s', fig('commands_per_s'), null, null, null, null, '≥500/s'],
    ['command CPU: app (ms)', fig('command_app_cpu_ms'), null, null, null, null, ''],
    ['command CPU: PostgreSQL (ms)', fig('command_postgres_cpu_ms'), null, null, null, null, ''],
    ['relay to Kafka (events/s)', fig('relay_kafka_per_s'), null, null, null, null, '≥20,000/s'],
    ['notification p99, 50 users (ms)', fig('notification_latency_p99_ms'), null, null, null, null, '≤200 ms'],
    ['audit log by actor+date p99 (ms, 1M events)', fig('audit_log_query_p99_ms'), null, null, null, null, '≤50 ms'],
    ['known-at record, 200 events (ms)', fig('known_at_record_ms'), null, null, null, null, '≤20 ms'],
    ["known-at client's figures, 1,000 orders + 1,000 invoices (ms)", fig('known_at_client_figures_ms'), null, null, null, null, ''],
    ['audit chain (events/s)', fig('chain_events_per_s'), null, null, null, null, '≥ append 10x8'],
    ['integration events mapped, history held (events/s)', fig('integration_map_per_s'), null, null, null, null, ''],
    ['integration events mapped, cold (events/s)', fig('integration_map_cold_per_s'), null, null, null, null, ''],
    ['webhook deliveries, 10 endpoints (/s)', fig('webhook_deliveries_per_s'), null, null, null, null, '≥2,000/s'],
    ['webhook p99 at 100 events/s (ms)', fig('webhook_latency_p99_ms'), null, null, null, null, '≤100 ms'],
  ];
  console.log('');
  printTable(['figure', 'annals', 'peer', 'floor', 'annals/peer', 'annals/floor', 'target'], table);

  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: join(__dirname, '..') })
      .toString()
      .trim();
  } catch {
    /* not a checkout */
  }
  const results = {
    date: new Date().toISOString(),
    commit,
    sizes: {
      events: args.events,
      writers: args.writers,
      clients: args.clients,
      append_seconds_per_round: args.appendSeconds,
      append_rounds: 2,
      command_seconds: args.commandSeconds,
      only: args.only,
    },
    machine: {
      host_steal_share: hostStealShare(cpuAtStart, hostCpuTicks()),
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model,
      memory_gb: round(totalmem() / 2 ** 30, 1),
      platform: `${process.platform} ${process.arch}`,
    },
    versions: {
      node: process.version,
      postgresql: server.version,
      emmett_postgresql: JSON.parse(readFileSync(join(__dirname, '..', 'node_modules', '@event-driven-io', 'emmett-postgresql', 'package.json'), 'utf8'))
        .version,
    },
    postgresql_settings: server.settings,
    figures: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? round(v, v < 100 ? 2 : 0) : v])),
    total_seconds: round((now() - started) / 1000, 1),
    cpu_profiles: profileDir ?? null,
  };
  // The names of issue 4 are always present (null when not measured in this run).
  const required = [
    'append_1x8_per_s',
    'append_1x8_peer_per_s',
    'append_1x8_floor_per_s',
    'append_10x8_per_s',
    'append_10x8_peer_per_s',
    'append_10x8_floor_per_s',
    'append_1x8_p99_ms',
    'read_all_per_s',
    'read_all_floor_per_s',
    'rebuild_per_s',
    'rebuild_floor_per_s',
    'rebuild_peak_rss_mb',
    'command_p50_ms',
    'command_p99_ms',
    'commands_per_s',
    'relay_kafka_per_s',
    'notification_latency_p99_ms',
    'audit_log_query_p99_ms',
    'known_at_record_ms',
    'chain_events_per_s',
    'webhook_deliveries_per_s',
    'webhook_latency_p99_ms',
  ];
  for (const name of required) if (!(name in results.figures)) (results.figures as Record<string, unknown>)[name] = null;
  const target = join(__dirname, 'results.json');
  writeFileSync(target, `${JSON.stringify(results, null, 2)}\n`);
  const steal = results.machine.host_steal_share;
  if (steal !== null) log(`the VM's host took ${(steal * 100).toFixed(0)}% of this machine's CPU time during the run (steal): compare ratios within this run`);
  log(`done in ${results.total_seconds} s; wrote ${target}${profileDir ? `; CPU profiles in ${profileDir}` : ''}`);
  process.exit(0);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
