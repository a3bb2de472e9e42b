/**
 * Prototype (not part of `npm run bench`): is pg_notify inside es_append what holds annals'
 * appends back? A NOTIFY makes each commit take a database-wide lock held until its commit record
 * is flushed, so notifying transactions fsync one at a time (no group commit). Runs, in one
 * process and interleaved: annals as is; annals with es_append minus its pg_notify; the floor.
 *   node -r @swc-node/register bench/prototypes/append-notify.ts [seconds] [writers]
 */
import '../../src/shared/node-compat';
import { PostgresEventStore } from '../../src/shared/event-store/postgres/postgres-event-store';
import { eventStoreSchemaSql, NOTIFY_CHANNEL } from '../../src/shared/event-store/postgres/postgres-event-store.schema';
import { annalsTarget, floorTarget, runRound, Target } from '../append';
import { newPool, startBenchServer } from '../lib/pg';

const main = async () => {
  const seconds = Number(process.argv[2] ?? 4);
  const writers = Number(process.argv[3] ?? 8);
  const server = await startBenchServer();
  try {
    const quietUrl = await server.createDatabase('proto_quiet');
    const pool = newPool(quietUrl, writers + 2);
    const quietSql = eventStoreSchemaSql.replace(`PERFORM pg_notify('${NOTIFY_CHANNEL}', last_position::text);`, '');
    if (quietSql === eventStoreSchemaSql) throw new Error('pg_notify call not found in es_append');
    await pool.query(quietSql);
    const store = new PostgresEventStore(pool);
    const quiet: Target = {
      name: 'annals',
      append: async (stream, events, revision) => {
        await store.appendToStream(stream, events, { expectedRevision: revision < 0 ? 'no_stream' : BigInt(revision) });
      },
      close: async () => {
        await store.close();
        await pool.end();
      },
    };
    const targets: [string, Target][] = [
      ['annals', await annalsTarget(await server.createDatabase('proto_annals'), writers)],
      ['annals without pg_notify', quiet],
      ['floor', await floorTarget(await server.createDatabase('proto_floor'), writers)],
    ];
    for (const size of [1, 10]) {
      const totals = new Map<string, { events: number; seconds: number }>();
      for (const [, target] of targets) await runRound(target, writers, size, 0.5);
      for (let round = 0; round < 2; round++)
        for (let i = 0; i < targets.length; i++) {
          const [name, target] = targets[(i + round) % targets.length];
          const result = await runRound(target, writers, size, seconds);
          const total = totals.get(name) ?? { events: 0, seconds: 0 };
          total.events += result.events;
          total.seconds += result.seconds;
          totals.set(name, total);
        }
      for (const [name, total] of totals) console.log(`${size}x${writers} ${name.padEnd(26)} ${Math.round(total.events / total.seconds)} events/s`);
    }
    for (const [, target] of targets) await target.close();
  } finally {
    await server.stop();
  }
  process.exit(0);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
