import '../src/shared/node-compat';
/**
 * npm run ops -- <command>: the platform operator's tool, apart from every tenant.
 *
 *   status                          every processor across tenants: state, position, lag, parked tenants
 *   rebuild NAME                    a read model rebuilt blue/green (a reactor is replayed from the start)
 *   replay NAME FROM                a reactor replayed after log position FROM
 *   retry NAME                      every tenant NAME is parked for, retried now
 *   tenant:create --name N --currency EUR --admin-email E [--admin-name A] [--id ID] [--payment-terms DAYS] [--time-zone Z]
 *                                   a new tenant; prints its admin's invitation link
 *
 * It starts the app without HTTP on the same database (the embedded one, attached if the app runs):
 * while the app runs, it holds the processors, and rebuilds, replays and retries are handed to it.
 */
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { TenantProvisioning } from '../src/identity/application/tenant-provisioning';
import { DATABASE } from '../src/shared/tokens';
import { Database } from '../src/shared/database/database';
import { startEmbeddedPostgres } from '../src/shared/database/embedded-postgres';
import { readCheckpoint } from '../src/shared/processing/checkpoint-store';
import { ProjectionsService, ProjectionStatusView } from '../src/shared/projection/projections.service';

const USAGE = `Usage: npm run ops -- <command>
  status
  rebuild NAME
  replay NAME FROM
  retry NAME
  tenant:create --name NAME --currency EUR --admin-email EMAIL [--admin-name NAME] [--id ID] [--payment-terms DAYS] [--time-zone ZONE]`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const options = (args: string[]): Record<string, string> => {
  const found: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!match) throw new UsageError(`unexpected argument "${args[i]}"`);
    found[match[1]] = match[2] ?? args[++i] ?? '';
  }
  return found;
};

class UsageError extends Error {}

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

const printStatus = (statuses: ProjectionStatusView[]) => {
  const rows = statuses.map((s) => [
    s.name,
    s.kind,
    s.state,
    s.position.toString(),
    s.lag.toString(),
    s.parks.map((p) => `${p.tenantId}@${p.position}`).join(' ') || '-',
  ]);
  const header = ['NAME', 'KIND', 'STATE', 'POSITION', 'LAG', 'PARKED (tenant@position)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  for (const s of statuses)
    for (const park of s.parks) console.log(`  ${s.name} parked for ${park.tenantId} at ${park.position} (${park.eventType}): ${park.error}`);
};

const known = (service: ProjectionsService, name: string | undefined) => {
  if (!name) throw new UsageError('give the processor name');
  if (!service.names().includes(name)) throw new UsageError(`unknown processor "${name}"; known: ${service.names().join(', ')}`);
  return name;
};

/** Waits for a rebuild: run here, or by the running app (its checkpoint counts rebuilds). */
const rebuild = async (app: NestFastifyApplication, service: ProjectionsService, name: string) => {
  const pool = app.get<Database>(DATABASE).pool;
  const before = await readCheckpoint(pool, name);
  const status = await service.rebuild(name);
  if (status.kind === 'reactor') return console.log(`${name} is a reactor: replaying it from the start (its effects are keyed, nothing happens twice)`);
  const here = service.rebuilding(name);
  if (here) {
    console.log(`Rebuilding ${name} here, beside the live tables`);
    await here;
  } else {
    console.log(`The running app runs ${name}: it rebuilds it (its live tables answer until the switch)`);
    for (const deadline = Date.now() + 10 * 60_000; (await readCheckpoint(pool, name)).rebuilds <= before.rebuilds;) {
      if (Date.now() > deadline) throw new Error('the rebuild did not finish within 10 minutes; see `npm run ops -- status`');
      await sleep(250);
    }
  }
  console.log(`${name} rebuilt`);
};

const run = async (app: NestFastifyApplication, command: string, args: string[]) => {
  const service = app.get(ProjectionsService);
  switch (command) {
    case 'status':
      return printStatus(await service.statuses());
    case 'rebuild':
      return rebuild(app, service, known(service, args[0]));
    case 'replay': {
      const name = known(service, args[0]);
      if (!/^\d{1,19}$/.test(args[1] ?? '')) throw new UsageError('replay NAME FROM: FROM is a log position, 0 for the start');
      await service.replay(name, BigInt(args[1]));
      return console.log(`${name} replays after position ${args[1]}`);
    }
    case 'retry': {
      const status = await service.retry(known(service, args[0]));
      return console.log(`${status.name}: retried ${status.parks.length} parked tenant(s)`);
    }
    case 'tenant:create': {
      const given = options(args);
      for (const required of ['name', 'currency', 'admin-email']) if (!given[required]) throw new UsageError(`tenant:create needs --${required}`);
      const created = await app.get(TenantProvisioning).createTenant(
        {
          id: given.id || slug(given.name),
          name: given.name,
          currency: given.currency.toUpperCase(),
          paymentTermsDays: given['payment-terms'] ? Number(given['payment-terms']) : undefined,
          timeZone: given['time-zone'] || undefined,
        },
        { email: given['admin-email'], name: given['admin-name'] || given['admin-email'].split('@')[0] },
      );
      console.log(`Tenant ${created.tenantId} created. Send its admin this invitation link (single use, valid 7 days):`);
      return console.log(created.invitationUrl);
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'give a command');
  }
};

const main = async () => {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') return console.log(USAGE);
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, attachIfRunning: true });
  const app = await createApp({ ...config, databaseUrl: config.databaseUrl ?? embedded!.url, seedDemo: false }, { logger: ['error'] });
  try {
    await app.init();
    await run(app, command, args);
  } finally {
    await app.close();
    await embedded?.stop();
  }
};

main().catch((error) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else new Logger('ops').error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof UsageError ? 2 : 1);
});
