/** Read all: every event from position 0 in order, streamed; annals (readAll through the port) and floor (keyset SELECT). */
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { newPool } from './lib/pg';
import { log, now, rssSampler } from './lib/stats';

const FLOOR_PAGE = 5000;

const annalsReadAll = async (url: string): Promise<number> => {
  const pool = newPool(url, 2);
  const store = new PostgresEventStore(pool);
  let count = 0;
  let checksum = 0;
  for await (const event of store.readAll()) {
    count++;
    checksum += event.type.length;
  }
  await store.close();
  await pool.end();
  if (checksum === 0 && count > 0) throw new Error('no event types');
  return count;
};

/**
 * The least work giving the same result: keyset pages on one connection, every column as raw
 * text (no per-type parsers), only data and metadata parsed from JSON.
 */
const floorReadAll = async (url: string): Promise<number> => {
  const pool = newPool(url, 1);
  const client = await pool.connect();
  let after = '0';
  let count = 0;
  try {
    for (;;) {
      const { rows } = await client.query<string[]>({
        name: 'floor_read_all',
        // e.position: a ::text output column named position would win in ORDER BY.
        text: `SELECT e.position::text, e.event_id::text, e.stream_name, e.revision::text, e.type, e.data::text, e.metadata::text, e.recorded_at::text
                 FROM es_events e WHERE e.position > $1 ORDER BY e.position LIMIT ${FLOOR_PAGE}`,
        values: [after],
        rowMode: 'array',
        types: { getTypeParser: () => (value: string) => value },
      });
      for (const row of rows) {
        JSON.parse(row[5]);
        JSON.parse(row[6]);
      }
      count += rows.length;
      if (rows.length < FLOOR_PAGE) break;
      after = rows[rows.length - 1][0];
    }
  } finally {
    client.release();
    await pool.end();
  }
  return count;
};

export const benchReadAll = async (url: string, expected: number, rounds = 2) => {
  const totals = { annals: { events: 0, seconds: 0, rss: 0 }, floor: { events: 0, seconds: 0, rss: 0 } };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['annals', 'floor'] as const) : (['floor', 'annals'] as const);
    for (const name of order) {
      global.gc?.();
      const rss = rssSampler();
      const t0 = now();
      const count = name === 'annals' ? await annalsReadAll(url) : await floorReadAll(url);
      const seconds = (now() - t0) / 1000;
      const peak = rss.stop();
      if (count !== expected) throw new Error(`read-all ${name}: read ${count} events, expected ${expected}`);
      totals[name].events += count;
      totals[name].seconds += seconds;
      totals[name].rss = Math.max(totals[name].rss, peak);
      log(`read-all ${name} round ${round + 1}: ${Math.round(count / seconds)} events/s, peak RSS ${Math.round(peak)} MB`);
    }
  }
  return {
    read_all_per_s: totals.annals.events / totals.annals.seconds,
    read_all_floor_per_s: totals.floor.events / totals.floor.seconds,
    read_all_peak_rss_mb: totals.annals.rss,
  };
};
