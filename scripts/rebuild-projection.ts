import '../src/shared/node-compat';
/**
 * npm run projections:rebuild -- NAME
 *
 * Empties a read model and replays the whole log into it. If the app is running (it holds the
 * projection's leadership lock), the running app is asked to rebuild and this command follows
 * its progress; otherwise this command rebuilds it itself.
 */
import { Pool } from 'pg';
import { projections } from '../projections';
import { loadConfig } from '../src/config';
import { migrate, openDatabase } from '../src/shared/database/database';
import { startEmbeddedPostgres } from '../src/shared/database/embedded-postgres';
import { EventStore } from '../src/shared/event-store/event-store.port';
import { EventStoreDbEventStore } from '../src/shared/event-store/eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ProjectionRunner, readCheckpoint } from '../src/shared/projection/projection-runner';
import { CONTROL_CHANNEL } from '../src/shared/projection/projections.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const main = async () => {
  const name = process.argv[2];
  const known = projections.map((p) => p.name);
  const projection = projections.find((p) => p.name === name);
  if (!projection) {
    console.error(`Usage: npm run projections:rebuild -- NAME\nKnown projections: ${known.join(', ')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, attachIfRunning: true });
  const database = await openDatabase(config.databaseUrl ?? embedded!.url, { poolSize: 4 });
  const store: EventStore = config.eventStoreUrl ? new EventStoreDbEventStore(config.eventStoreUrl) : new PostgresEventStore(database.pool);
  try {
    await migrate(database);
    const head = await store.headPosition();
    const runner = new ProjectionRunner(database.pool, store, projection, { log: (m) => console.error(m) });
    await runner.start();
    const started = Date.now();
    if (runner.isLeader()) {
      console.log(`Rebuilding ${name} here: replaying ${head} positions`);
      await runner.rebuild();
      await follow(runner, head);
      await runner.stop();
    } else {
      await runner.stop();
      console.log(`The running app runs ${name}: asking it to rebuild`);
      const before = await readCheckpoint(database.pool, name);
      await database.pool.query('SELECT pg_notify($1, $2)', [CONTROL_CHANNEL, `rebuild:${name}`]);
      await followCheckpoint(database.pool, name, before);
    }
    console.log(`${name} rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await store.close();
    await database.close();
    await embedded?.stop();
  }
};

const follow = async (runner: ProjectionRunner, head: bigint) => {
  for (;;) {
    const status = runner.getStatus();
    if (status.state === 'FAILING') throw new Error(`rebuild stopped at position ${status.failedPosition}: ${status.lastError}`);
    if (status.caughtUpTo >= head || status.position >= head) return;
    await sleep(200);
  }
};

/** Waits for the running app to count one more rebuild, then to get back to where it stood. */
const followCheckpoint = async (pool: Pool, name: string, before: { position: bigint; rebuilds: number }) => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const checkpoint = await readCheckpoint(pool, name);
    if (checkpoint.failedPosition !== null) throw new Error(`rebuild stopped at position ${checkpoint.failedPosition}: ${checkpoint.lastError}`);
    const started = checkpoint.rebuilds > before.rebuilds;
    if (!started && Date.now() > deadline) throw new Error('the running app did not start the rebuild; is it healthy?');
    if (started && checkpoint.position >= before.position) return;
    await sleep(100);
  }
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
