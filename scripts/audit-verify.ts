import '../src/shared/node-compat';
/**
 * npm run audit:verify [-- --tenant acme] [--from ISO] [--to ISO]
 *
 * Recomputes each tenant's hash chain from the events the store holds (see src/audit/chain/) and
 * compares it with the links chained at append time and with the period seals. Prints one line per
 * tenant; exits 1 if any chain is broken, naming the first broken position and why.
 */
import { loadConfig } from '../src/config';
import { migrate, openDatabase } from '../src/app-database';
import { startEmbeddedPostgres } from '../src/shared/database/embedded-postgres';
import { EventStore } from '../src/shared/event-store/event-store.port';
import { EventStoreDbEventStore } from '../src/shared/event-store/eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { LogVerifier } from '../src/audit/chain/log-verifier';

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};
const date = (name: string): Date | undefined => {
  const value = option(name);
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) {
    console.error(`--${name} must be an ISO 8601 date-time such as 2026-03-01T00:00:00Z`);
    process.exit(2);
  }
  return parsed;
};

const main = async () => {
  const range = { from: date('from'), to: date('to') };
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, attachIfRunning: true });
  const database = await openDatabase(config.databaseUrl ?? embedded!.url, { poolSize: 4 });
  const store: EventStore = config.eventStoreUrl ? new EventStoreDbEventStore(config.eventStoreUrl) : new PostgresEventStore(database.pool);
  let broken = 0;
  try {
    await migrate(database);
    const only = option('tenant');
    const tenants = only
      ? [only]
      : (await database.pool.query<{ tenant_id: string }>('SELECT tenant_id FROM audit_chain_heads ORDER BY tenant_id')).rows.map((r) => r.tenant_id);
    const verifier = new LogVerifier(database.pool, store);
    for (const tenantId of tenants) {
      const result = await verifier.verify(tenantId, range);
      const seals = result.seals.filter((seal) => seal.intact !== null);
      const sealText = seals.length ? `, ${seals.filter((s) => s.intact).length}/${seals.length} seals intact` : '';
      if (result.ok) console.log(`${tenantId}: OK, ${result.checked} events verified, head ${result.headPosition ?? '-'} ${result.headHash ?? ''}${sealText}`);
      else {
        broken++;
        console.log(`${tenantId}: BROKEN at position ${result.firstBrokenPosition}: ${result.reason} (${result.checked} events verified before it${sealText})`);
      }
    }
    if (tenants.length === 0) console.log('No chain yet: the app chains events while it runs.');
  } finally {
    await store.close();
    await database.close();
    await embedded?.stop();
  }
  process.exit(broken > 0 ? 1 : 0);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
