/**
 * CPU profile of annals' readAll alone (node:inspector, so nothing else is in the profile):
 *   node -r @swc-node/register bench/prototypes/profile-read-all.ts [events]
 * Writes /tmp/annals-read-all.cpuprofile and prints its top frames.
 */
import '../../src/shared/node-compat';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { PostgresEventStore } from '../../src/shared/event-store/postgres/postgres-event-store';
import { migrateAppSchema, newPool, startBenchServer } from '../lib/pg';
import { seedEvents } from '../seed';
import { summarizeProfile } from '../profile-summary';

const main = async () => {
  const events = Number(process.argv[2] ?? 150_000);
  const server = await startBenchServer();
  try {
    const url = await server.createDatabase('prof_read_all');
    await migrateAppSchema(url);
    const pool = newPool(url, 2);
    await seedEvents(pool, events);
    const store = new PostgresEventStore(pool);
    for await (const _ of store.readAll({ maxCount: 20_000 })) void _; // warm-up
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const t0 = performance.now();
    let n = 0;
    for await (const _ of store.readAll()) n++;
    const seconds = (performance.now() - t0) / 1000;
    const { profile } = await session.post('Profiler.stop');
    writeFileSync('/tmp/annals-read-all.cpuprofile', JSON.stringify(profile));
    console.log(`${n} events in ${seconds.toFixed(2)} s (${Math.round(n / seconds)}/s, under the profiler)`);
    console.log(summarizeProfile('/tmp/annals-read-all.cpuprofile', 15));
    await store.close();
    await pool.end();
  } finally {
    await server.stop();
  }
  process.exit(0);
};
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
