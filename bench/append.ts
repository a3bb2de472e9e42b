/**
 * Appends: W concurrent writers, each on its own streams, `size` events per append, expected
 * revision checked on every append; annals (our store through its port), peer (Emmett) and floor
 * (plain pg, one INSERT per append into an equivalent table), measured in interleaved rounds.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ensureEventStoreSchema } from '../src/shared/event-store/postgres/postgres-event-store.schema';
import type { NewEvent } from '../src/shared/event-store/event-store.port';
import { batchFor } from './lib/events';
import { BenchServer, newPool } from './lib/pg';
import { log, now, summarize } from './lib/stats';

/** Appends per stream before a writer moves to a fresh stream (streams stay short, like aggregates). */
const APPENDS_PER_STREAM = 10;

type Append = (stream: string, events: NewEvent[], revision: number) => Promise<void>;

export interface Target {
  name: 'annals' | 'peer' | 'floor';
  append: Append;
  close(): Promise<void>;
}

export const FLOOR_EVENTS_SQL = `
  CREATE TABLE IF NOT EXISTS floor_events (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id uuid NOT NULL UNIQUE,
    stream_name text NOT NULL,
    revision bigint NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (stream_name, revision)
  )`;

export const annalsTarget = async (url: string, writers: number): Promise<Target> => {
  const pool = newPool(url, writers + 2);
  await ensureEventStoreSchema(pool);
  const store = new PostgresEventStore(pool);
  return {
    name: 'annals',
    append: async (stream, events, revision) => {
      await store.appendToStream(stream, events, { expectedRevision: revision < 0 ? 'no_stream' : BigInt(revision) });
    },
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
};

const peerTarget = async (url: string): Promise<Target> => {
  const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
  const { STREAM_DOES_NOT_EXIST } = await import('@event-driven-io/emmett');
  const store = getPostgreSQLEventStore(url);
  await store.schema.migrate();
  return {
    name: 'peer',
    append: async (stream, events, revision) => {
      const result = await store.appendToStream(stream, events.map(({ type, data, metadata }) => ({ type, data, metadata })) as never[], {
        expectedStreamVersion: revision < 0 ? STREAM_DOES_NOT_EXIST : BigInt(revision + 1),
      });
      if (result.nextExpectedStreamVersion !== BigInt(revision + 1 + events.length)) throw new Error('peer: unexpected version');
    },
    close: () => store.close(),
  };
};

export const floorTarget = async (url: string, writers: number): Promise<Target> => {
  const pool: Pool = newPool(url, writers + 2);
  await pool.query(FLOOR_EVENTS_SQL);
  const statements = new Map<number, string>();
  const sqlFor = (count: number) => {
    let text = statements.get(count);
    if (!text) {
      const rows = Array.from(
        { length: count },
        (_, i) => `($${i * 6 + 1}::uuid, $${i * 6 + 2}, $${i * 6 + 3}::bigint, $${i * 6 + 4}, $${i * 6 + 5}::jsonb, $${i * 6 + 6}::jsonb)`,
      );
      text = `INSERT INTO floor_events (event_id, stream_name, revision, type, data, metadata) VALUES ${rows.join(', ')}`;
      statements.set(count, text);
    }
    return text;
  };
  return {
    name: 'floor',
    // One statement = one transaction; the unique (stream_name, revision) is the expected-revision check.
    append: async (stream, events, revision) => {
      const values: unknown[] = [];
      events.forEach((event, i) => values.push(event.id, stream, revision + 1 + i, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata)));
      await pool.query({ name: `floor_append_${events.length}`, text: sqlFor(events.length), values });
    },
    close: () => pool.end(),
  };
};

interface RoundResult {
  events: number;
  seconds: number;
  latencies: number[];
}

export const runRound = async (target: Target, writers: number, size: number, seconds: number): Promise<RoundResult> => {
  const latencies: number[] = [];
  let events = 0;
  const start = now();
  const deadline = start + seconds * 1000;
  let counter = 0;
  const writer = async () => {
    let stream = `lead-${randomUUID()}`;
    let revision = -1;
    let appends = 0;
    while (now() < deadline) {
      const batch = batchFor(stream.slice(5), size, counter++);
      const t0 = now();
      await target.append(stream, batch, revision);
      latencies.push(now() - t0);
      events += size;
      revision += size;
      if (++appends === APPENDS_PER_STREAM) {
        stream = `lead-${randomUUID()}`;
        revision = -1;
        appends = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return { events, seconds: (now() - start) / 1000, latencies };
};

export interface AppendFigures {
  [key: string]: number;
}

export const benchAppend = async (server: BenchServer, options: { writers: number; seconds: number; rounds?: number }) => {
  const { writers, seconds } = options;
  const rounds = options.rounds ?? 2;
  const targets = [
    await annalsTarget(await server.createDatabase('bench_append_annals'), writers),
    await peerTarget(await server.createDatabase('bench_append_peer')),
    await floorTarget(await server.createDatabase('bench_append_floor'), writers),
  ];
  const figures: Record<string, number> = {};
  try {
    for (const size of [1, 10]) {
      // Warm-up: connections, plans, JIT of the hot paths.
      for (const target of targets) await runRound(target, writers, size, 0.5);
      const totals = new Map<string, RoundResult>(targets.map((t) => [t.name, { events: 0, seconds: 0, latencies: [] }]));
      for (let round = 0; round < rounds; round++) {
        // Rotate the order each round so drift on a noisy machine does not favour one target.
        const order = targets.map((_, i) => targets[(i + round) % targets.length]);
        for (const target of order) {
          // Every round starts right after a checkpoint, so none inherits the full-page images
          // (or the quiet WAL) that the round before it left: the first measured round after the
          // databases were created was systematically ≈2× slower than later ones, whoever ran it.
          await server.checkpoint();
          const result = await runRound(target, writers, size, seconds);
          const total = totals.get(target.name)!;
          total.events += result.events;
          total.seconds += result.seconds;
          total.latencies.push(...result.latencies);
          log(`append ${size}x${writers} ${target.name} round ${round + 1}: ${Math.round(result.events / result.seconds)} events/s`);
        }
      }
      // Keys keep the names of issue 4 whatever --writers says; results.json records the sizes used.
      const shape = `append_${size}x8`;
      for (const [name, total] of totals) {
        const suffix = name === 'annals' ? '' : `_${name}`;
        figures[`${shape}${suffix}_per_s`] = total.events / total.seconds;
        const latency = summarize(total.latencies);
        figures[`${shape}${suffix}_p50_ms`] = latency.p50;
        figures[`${shape}${suffix}_p99_ms`] = latency.p99;
      }
    }
  } finally {
    for (const target of targets) await target.close();
  }
  return figures;
};
