import '../src/shared/node-compat';
/**
 * npm run projections:rebuild -- NAME
 *
 * Rebuilds a read model from the whole log, blue/green: the new tables are built beside the live
 * ones, which answer queries until the switch. If the app is running (it holds the projector's
 * lease), the running app is asked to rebuild and this command follows its progress; otherwise
 * this command rebuilds it itself.
 */
import { Pool } from 'pg';
import { projections } from '../projections';
import { loadConfig } from '../src/config';
import { migrate, openDatabase } from '../src/app-database';
import { startEmbeddedPostgres } from '../src/shared/database/embedded-postgres';
import { EventStore } from '../src/shared/event-store/event-store.port';
import { EventStoreDbEventStore } from '../src/shared/event-store/eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { BlueGreenRebuild } from '../src/shared/processing/blue-green-rebuild';
import { Checkpoint, readCheckpoint } from '../src/shared/processing/checkpoint-store';
import { projector } from '../src/shared/processing/processor';
import { ProcessorRunner } from '../src/shared/processing/processor-runner';
import { decodeEvent } from '../src/events';
import { CONTROL_CHANNEL } from '../src/shared/processing/processor-runtime';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const main = async () => {
  const name = process.argv[2];
  const projection = projections.find((p) => p.name === name);
  if (!projection) {
    console.error(`Usage: npm run projections:rebuild -- NAME\nKnown projections: ${projections.map((p) => p.name).join(', ')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, attachIfRunning: true });
  const database = await openDatabase(config.databaseUrl ?? embedded!.url, { poolSize: 4 });
  const store: EventStore = config.eventStoreUrl ? new EventStoreDbEventStore(config.eventStoreUrl) : new PostgresEventStore(database.pool);
  try {
    await migrate(database);
    const head = await store.headPosition();
    const runner = new ProcessorRunner(database.pool, store, projector(projection), { log: (m) => console.error(m), decode: decodeEvent });
    await runner.start();
    const started = Date.now();
    if (runner.isLeader()) {
      console.log(`Rebuilding ${name} here, beside the live tables: replaying ${head} positions`);
      await new BlueGreenRebuild(runner, { log: (m) => console.error(m) }).run();
      await runner.stop();
    } else {
      await runner.stop();
      console.log(`The running app runs ${name}: asking it to rebuild (its live tables answer until the switch)`);
      const before = await readCheckpoint(database.pool, name);
      await database.pool.query('SELECT pg_notify($1, $2)', [CONTROL_CHANNEL, `rebuild:${name}`]);
      await followRebuild(database.pool, name, before, head);
    }
    console.log(`${name} rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await store.close();
    await database.close();
    await embedded?.stop();
  }
};

/** Waits for the running app to start the rebuild, shows its progress, and returns once it has switched over. */
const followRebuild = async (pool: Pool, name: string, before: Checkpoint, head: bigint) => {
  const deadline = Date.now() + 10_000;
  let shown = -1n;
  for (;;) {
    const checkpoint = await readCheckpoint(pool, name);
    if (checkpoint.rebuilds > before.rebuilds) return;
    if (checkpoint.rebuildPosition === null && Date.now() > deadline) throw new Error('the running app did not start the rebuild; is it healthy?');
    if (checkpoint.rebuildPosition !== null && checkpoint.rebuildPosition !== shown) {
      shown = checkpoint.rebuildPosition;
      console.log(`  built up to position ${shown} of ${head}`);
    }
    await sleep(200);
  }
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
