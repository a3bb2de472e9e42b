import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { NewEvent } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ensureEventStoreSchema } from '../src/shared/event-store/postgres/postgres-event-store.schema';
import { Projection } from '../src/shared/projection/projection';
import { ProjectionRunner, readCheckpoint } from '../src/shared/projection/projection-runner';
import { createTestDatabase, TestDatabase } from './support/postgres';

const until = async (condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 15000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const event = (n: number, extra: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'Counted',
  data: { n, ...extra },
  metadata: { tenantId: 't', actorId: 'a', correlationId: randomUUID(), causationId: randomUUID() },
});

describe('projection runner (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let poisoned: Set<number>;
  const runners: ProjectionRunner[] = [];
  const runner = (options: ConstructorParameters<typeof ProjectionRunner>[3] = {}) => {
    const created = new ProjectionRunner(pool, store, counted, options);
    runners.push(created);
    return created;
  };

  /** Writes one row per event; throws on a poisoned n until it is cured. */
  const counted: Projection = {
    name: 'test.counted',
    handles: ['Counted'],
    tables: ['counted'],
    async applyBatch(tx, events) {
      for (const e of events) if (poisoned.has((e.data as { n: number }).n)) throw new Error(`cannot count ${(e.data as { n: number }).n}`);
      await tx.query(`INSERT INTO counted (n, position) SELECT * FROM unnest($1::int[], $2::bigint[])`, [
        events.map((e) => (e.data as { n: number }).n),
        events.map((e) => e.position.toString()),
      ]);
    },
  };
  const rows = async () => (await pool.query(`SELECT n FROM counted ORDER BY position`)).rows.map((r) => r.n);

  beforeAll(async () => {
    db = await createTestDatabase('projection');
    pool = new Pool({ connectionString: db.url });
    await ensureEventStoreSchema(pool);
    await pool.query(`CREATE TABLE projection_checkpoints (name text PRIMARY KEY, position bigint NOT NULL DEFAULT 0, failed_position bigint,
      failed_event_type text, last_error text, retries integer NOT NULL DEFAULT 0, rebuilds integer NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now())`);
    await pool.query(`CREATE TABLE counted (n int PRIMARY KEY, position bigint NOT NULL)`);
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
  });
  beforeEach(async () => {
    poisoned = new Set();
    await pool.query(`TRUNCATE counted; DELETE FROM projection_checkpoints`);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('applies every event once, resumes from its checkpoint after a restart, and rebuilds from the log', async () => {
    const stream = `count-${randomUUID()}`;
    await store.appendToStream(stream, [1, 2, 3].map((n) => event(n)), { expectedRevision: 'no_stream' });
    let first = runner({ batchSize: 2 });
    await first.start();
    await until(async () => (await rows()).length === 3, 'first three events');
    await first.stop();

    // Appended while nothing runs: the next runner must pick up exactly these.
    await store.appendToStream(stream, [4, 5].map((n) => event(n)), { expectedRevision: 2n });
    const second = runner({ batchSize: 2 });
    await second.start();
    await until(async () => (await rows()).length === 5, 'events appended while stopped');
    expect(await rows()).toEqual([1, 2, 3, 4, 5]);
    const checkpoint = await readCheckpoint(pool, counted.name);
    expect(checkpoint.position).toBe(second.getStatus().position);

    await second.rebuild();
    await until(async () => (await rows()).length === 5, 'rebuild');
    expect(await rows()).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops on the failing event, shows its position and error, retries, and never skips it', async () => {
    const stream = `count-${randomUUID()}`;
    poisoned.add(12);
    const appended = [];
    for (const n of [11, 12, 13]) appended.push(await store.appendToStream(stream, [event(n)], { expectedRevision: 'any' }));
    const failing = runner({ batchSize: 10, backoffMs: 30, maxBackoffMs: 60 });
    await failing.start();
    await until(() => failing.getStatus().retries >= 2, 'two retries');

    const status = failing.getStatus();
    expect(status.state).toBe('FAILING');
    expect(status.failedPosition).toBe(appended[1].position);
    expect(status.failedEventType).toBe('Counted');
    expect(status.lastError).toBe('cannot count 12');
    // (the log also holds the first test's events 1-5, replayed from the empty checkpoint)
    expect((await rows()).filter((n) => n > 10)).toEqual([11]); // 13 comes after the failing event: not applied
    const stored = await readCheckpoint(pool, counted.name);
    expect(stored.position).toBe(appended[0].position);
    expect(stored.failedPosition).toBe(appended[1].position);
    expect(stored.lastError).toBe('cannot count 12');

    poisoned.clear(); // the bug is fixed: the retry goes through
    await until(async () => (await rows()).filter((n) => n > 10).length === 3, 'recovery');
    expect((await rows()).filter((n) => n > 10)).toEqual([11, 12, 13]);
    expect(failing.getStatus()).toMatchObject({ state: 'RUNNING', failedPosition: null, lastError: null });
  });

  it('catches up in small pipelined batches: a failing batch stops it with nothing after the failing event applied', async () => {
    const stream = `count-${randomUUID()}`;
    poisoned.add(26);
    const appended: { position: bigint }[] = []; // positions of 21..30, in order
    for (let n = 21; n <= 30; n++) appended.push(await store.appendToStream(stream, [event(n)], { expectedRevision: 'any' }));
    // Catch-up reads batches of 2 and commits each while reading the next: the batch holding 26 fails
    // while the one after it may already be read, and that one must not be committed.
    const catchingUp = runner({ catchUpBatchSize: 2, batchSize: 3, backoffMs: 30, maxBackoffMs: 60 });
    await catchingUp.start();
    await until(() => catchingUp.getStatus().retries >= 2, 'two retries');
    expect(catchingUp.getStatus()).toMatchObject({ state: 'FAILING', failedPosition: appended[5].position, lastError: 'cannot count 26' });
    expect((await rows()).filter((n) => n > 20)).toEqual([21, 22, 23, 24, 25]);
    expect((await readCheckpoint(pool, counted.name)).position).toBe(appended[4].position);

    poisoned.clear();
    await until(async () => (await rows()).filter((n) => n > 20).length === 10, 'recovery');
    expect((await rows()).filter((n) => n > 20)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
  });

  it('runs a projection on one runner only: a second one stands by', async () => {
    const leader = runner({ standbyRetryMs: 50 });
    const standby = runner({ standbyRetryMs: 50 });
    await leader.start();
    await standby.start();
    expect(leader.isLeader()).toBe(true);
    expect(standby.getStatus().state).toBe('STANDBY');
    await leader.stop();
    await until(() => standby.isLeader(), 'standby takes over');
  });
});
