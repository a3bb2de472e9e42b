import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { NewEvent, RecordedEvent, Subscription, WrongExpectedRevisionError } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ensureEventStoreSchema, eventStoreSchemaSql } from '../src/shared/event-store/postgres/postgres-event-store.schema';
import { eventStoreContract } from './event-store.contract';
import { tenantFilterContract } from './event-store-tenant.contract';
import { createTestDatabase, TestDatabase } from './support/postgres';

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase('event_store');
  pool = new Pool({ connectionString: database.url, max: 20 });
  await ensureEventStoreSchema(pool);
  // Idempotent DDL: running it again (as the migration does) changes nothing.
  await pool.query(eventStoreSchemaSql);
});

afterAll(async () => {
  await pool.end();
  await database.drop();
});

eventStoreContract('postgres', async () => {
  const store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
  return { store, teardown: () => store.close() };
});
tenantFilterContract('postgres', async () => {
  const store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
  return { store, teardown: () => store.close() };
});

describe('PostgreSQL event store', () => {
  let store: PostgresEventStore;

  beforeAll(() => {
    store = new PostgresEventStore(pool, { pollIntervalMs: 20 });
  });
  afterAll(async () => {
    await store.close();
  });

  const event = (type = 'ThingHappened', tenantId = 'tenant-a'): NewEvent => ({
    id: randomUUID(),
    type,
    data: { at: randomUUID() },
    metadata: { tenantId, actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID() },
  });

  /** A subscription that records what it gets, with promises to wait on. */
  const watch = (prefix: string, after = 0n) => {
    const events: RecordedEvent[] = [];
    const caughtUp: bigint[] = [];
    const errors: unknown[] = [];
    let listeners: Array<() => void> = [];
    const changed = () => {
      const current = listeners;
      listeners = [];
      current.forEach((listener) => listener());
    };
    const until = (condition: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => (condition() ? resolve() : listeners.push(check));
        check();
      });
    const subscription: Subscription = store.subscribeToAll(
      { after, filter: { streamPrefixes: [prefix] } },
      {
        handle: async (batch) => {
          events.push(...batch);
          changed();
        },
        onCaughtUp: (position) => {
          caughtUp.push(position);
          changed();
        },
        onError: (error) => {
          errors.push(error);
          changed();
        },
      },
    );
    return { events, caughtUp, errors, subscription, until };
  };

  /** Runs the store's own append function in an open transaction on `client`, as a concurrent appender would. */
  const appendInOpenTransaction = async (client: Client, streamName: string, events: NewEvent[]): Promise<bigint> => {
    await client.query('BEGIN');
    const { rows } = await client.query(`SELECT last_position::text AS position FROM es_append($1, 'any', $2)`, [streamName, JSON.stringify(events)]);
    return BigInt(rows[0].position);
  };

  const connect = async () => {
    const client = new Client(database.url);
    await client.connect();
    return client;
  };

  it('never delivers an event before an earlier-positioned one that commits later', async () => {
    const u = `ooo${randomUUID().slice(0, 8)}`;
    const probe = watch(`${u}-`);
    const slow = await connect();
    try {
      await probe.until(() => probe.caughtUp.length > 0);

      const first = event();
      const firstPosition = await appendInOpenTransaction(slow, `${u}-slow`, [first]);
      // The later event's NOTIFY is the only one this subscription can receive now: it wakes a
      // pass that reports being caught up, and that pass must not deliver the later event.
      const reports = probe.caughtUp.length;
      const second = await store.appendToStream(`${u}-fast`, [event()], { expectedRevision: 'no_stream' });
      expect(second.position).toBe(firstPosition + 1n);
      await probe.until(() => probe.caughtUp.length > reports);
      expect(probe.events).toEqual([]);
      const visible: RecordedEvent[] = [];
      for await (const recorded of store.readAll({ filter: { streamPrefixes: [`${u}-`] } })) visible.push(recorded);
      expect(visible).toEqual([]);

      await slow.query('COMMIT');
      await probe.until(() => probe.events.length >= 2);
      expect(probe.events.map((e) => e.position)).toEqual([firstPosition, second.position]);
      expect(probe.events[0].id).toBe(first.id);
      expect(probe.errors).toEqual([]);
    } finally {
      await slow.end();
      await probe.subscription.stop();
    }
  });

  it('delivers events that follow a rolled-back append, leaving only a gap', async () => {
    const u = `rb${randomUUID().slice(0, 8)}`;
    const probe = watch(`${u}-`);
    const slow = await connect();
    try {
      await probe.until(() => probe.caughtUp.length > 0);
      const abandoned = await appendInOpenTransaction(slow, `${u}-abandoned`, [event()]);
      const kept = await store.appendToStream(`${u}-kept`, [event()], { expectedRevision: 'no_stream' });
      await slow.query('ROLLBACK');

      await probe.until(() => probe.events.length >= 1);
      expect(probe.events.map((e) => e.position)).toEqual([kept.position]);
      expect(kept.position).toBe(abandoned + 1n);
      expect(await store.readStream(`${u}-abandoned`)).toEqual([]);
    } finally {
      await slow.end();
      await probe.subscription.stop();
    }
  });

  it('with concurrent writers, a subscriber sees every event exactly once, in increasing position order', async () => {
    const u = `cc${randomUUID().slice(0, 8)}`;
    const probe = watch(`${u}-`, await store.headPosition());
    const writers = 8;
    const appendsPerWriter = 50;
    try {
      const appended = await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          const ids: string[] = [];
          const name = `${u}-writer${writer}`;
          let last = 0n;
          for (let i = 0; i < appendsPerWriter; i++) {
            const batch = Array.from({ length: 1 + (i % 3) }, () => event());
            const result = await store.appendToStream(name, batch, { expectedRevision: i === 0 ? 'no_stream' : 'stream_exists' });
            ids.push(...batch.map((e) => e.id));
            last = result.position;
          }
          return { ids, last };
        }),
      );
      const allIds = appended.flatMap((w) => w.ids);
      const lastPosition = appended.reduce((max, w) => (w.last > max ? w.last : max), 0n);

      await probe.until(() => probe.caughtUp.some((p) => p >= lastPosition));
      expect(probe.events).toHaveLength(allIds.length);
      expect(new Set(probe.events.map((e) => e.id))).toEqual(new Set(allIds));
      for (let i = 1; i < probe.events.length; i++) expect(probe.events[i].position).toBeGreaterThan(probe.events[i - 1].position);
      expect(probe.errors).toEqual([]);
    } finally {
      await probe.subscription.stop();
    }
  });

  it('lets exactly one of several concurrent appends with the same expected revision win', async () => {
    const name = `race${randomUUID().slice(0, 8)}-1`;
    await store.appendToStream(name, [event()], { expectedRevision: 'no_stream' });
    for (let revision = 0n; revision < 10n; revision++) {
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => store.appendToStream(name, [event()], { expectedRevision: revision })));
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(5);
      for (const error of lost) {
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).toBe(revision + 1n);
      }
    }
    expect((await store.readStream(name)).map((e) => e.revision)).toEqual(Array.from({ length: 11 }, (_, i) => BigInt(i)));
  });

  it('lets exactly one of several concurrent no_stream appends create the stream', async () => {
    const name = `create${randomUUID().slice(0, 8)}-1`;
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => store.appendToStream(name, [event(), event()], { expectedRevision: 'no_stream' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ actual: 1n });
    expect((await store.readStream(name)).map((e) => e.revision)).toEqual([0n, 1n]);
  });

  it('appends every one of many concurrent appends with expectedRevision any, in one unbroken revision sequence', async () => {
    const name = `any${randomUUID().slice(0, 8)}-1`;
    const results = await Promise.all(Array.from({ length: 8 }, () => store.appendToStream(name, [event(), event()], { expectedRevision: 'any' })));
    expect(results.map((r) => r.nextRevision).sort((a, b) => Number(a - b))).toEqual([1n, 3n, 5n, 7n, 9n, 11n, 13n, 15n]);
    expect((await store.readStream(name)).map((e) => e.revision)).toEqual(Array.from({ length: 16 }, (_, i) => BigInt(i)));
  });

  it('treats concurrent appends of the same events as one', async () => {
    const name = `dup${randomUUID().slice(0, 8)}-1`;
    const batch = [event(), event()];
    const results = await Promise.all(Array.from({ length: 5 }, () => store.appendToStream(name, batch, { expectedRevision: 'any' })));
    results.forEach((result) => expect(result).toEqual(results[0]));
    expect(await store.readStream(name)).toHaveLength(2);
  });

  it('records the tenant of each event in its own column, for tenant-scoped history', async () => {
    const name = `tenant${randomUUID().slice(0, 8)}-1`;
    await store.appendToStream(name, [event('A', 'tenant-x'), event('B', 'tenant-x')], { expectedRevision: 'no_stream' });
    const { rows } = await pool.query(`SELECT DISTINCT tenant_id FROM es_events WHERE stream_name = $1`, [name]);
    expect(rows).toEqual([{ tenant_id: 'tenant-x' }]);
  });

  it('reads several streams at once, in position order, each whole, and nothing of streams not named', async () => {
    const [a, b, c] = [1, 2, 3].map((i) => `several${randomUUID().slice(0, 8)}-${i}`);
    await store.appendToStream(a, [event('A'), event('A')], { expectedRevision: 'no_stream' });
    await store.appendToStream(b, [event('B')], { expectedRevision: 'no_stream' });
    await store.appendToStream(a, [event('A')], { expectedRevision: 1n });
    await store.appendToStream(c, [event('C')], { expectedRevision: 'no_stream' });
    const read = await store.readStreams([b, a, a, `${a}0`]);
    expect(read.map((e) => [e.streamName, e.revision])).toEqual([
      [a, 0n],
      [a, 1n],
      [b, 0n],
      [a, 2n],
    ]);
    expect(read.map((e) => e.position)).toEqual([...read.map((e) => e.position)].sort((x, y) => (x < y ? -1 : 1)));
    expect(read[3]).toEqual((await store.readStream(a))[2]);
    expect(await store.readStreams([])).toEqual([]);
  });

  it('refuses to run the append function after the transaction has already written', async () => {
    const client = await connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE scratch (x int)');
      await client.query('INSERT INTO scratch VALUES (1)');
      await expect(client.query(`SELECT * FROM es_append('late-1', 'any', $1)`, [JSON.stringify([event()])])).rejects.toMatchObject({ code: 'ES003' });
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });

  it('shares one LISTEN connection between subscriptions and gives it back when they stop', async () => {
    const listening = async () =>
      Number(
        (await pool.query(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle' AND query = 'LISTEN es_events'`)).rows[0]
          .count,
      );
    const own = new PostgresEventStore(pool);
    const probes = [1, 2, 3].map(() => {
      let resolve!: () => void;
      const caughtUp = new Promise<void>((r) => (resolve = r));
      const subscription = own.subscribeToAll(
        { after: 0n, filter: { streamPrefixes: ['none-'] } },
        { handle: async () => undefined, onCaughtUp: () => resolve() },
      );
      return { subscription, caughtUp };
    });
    await Promise.all(probes.map((p) => p.caughtUp));
    expect(await listening()).toBe(1);
    await Promise.all(probes.map((p) => p.subscription.stop()));
    expect(await listening()).toBe(0);
    await own.close();
  });

  it('wakes a subscription of another process by NOTIFY at once, its poll being a minute away', async () => {
    // Two stores on two pools: two app instances. Each has appended before, so each has NOTIFY
    // connections of its own, which it must not mistake for the other's.
    const otherPool = new Pool({ connectionString: database.url, max: 4 });
    const here = new PostgresEventStore(pool, { pollIntervalMs: 60_000 });
    const there = new PostgresEventStore(otherPool, { pollIntervalMs: 60_000 });
    const prefix = `notified${randomUUID().slice(0, 8)}-`;
    try {
      await here.appendToStream(`${prefix}warm-here`, [event()], { expectedRevision: 'no_stream' });
      await there.appendToStream(`${prefix}warm-there`, [event()], { expectedRevision: 'no_stream' });
      const received: RecordedEvent[] = [];
      let caughtUp!: () => void;
      const started = new Promise<void>((resolve) => (caughtUp = resolve));
      const subscription = here.subscribeToAll(
        { after: await here.headPosition(), filter: { streamPrefixes: [prefix] } },
        { handle: async (events) => void received.push(...events), onCaughtUp: () => caughtUp() },
      );
      await started;
      const t0 = Date.now();
      for (let i = 0; i < 3; i++) await there.appendToStream(`${prefix}${i}`, [event()], { expectedRevision: 'no_stream' });
      while (received.length < 3 && Date.now() - t0 < 10_000) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(received.map((e) => e.streamName)).toEqual([0, 1, 2].map((i) => `${prefix}${i}`));
      expect(Date.now() - t0).toBeLessThan(10_000); // far below the 60 s poll: the notification woke it
      await subscription.stop();
    } finally {
      await here.close();
      await there.close();
      await otherPool.end();
    }
  });

  it('leaves no advisory lock behind', async () => {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(rows[0].held).toBe(0);
  });
});
