import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { NewEvent, RecordedEvent } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ensureEventStoreSchema } from '../src/shared/event-store/postgres/postgres-event-store.schema';
import { Projection } from '../src/shared/projection/projection';
import { BlueGreenRebuild } from '../src/shared/processing/blue-green-rebuild';
import { readCheckpoint, readParks } from '../src/shared/processing/checkpoint-store';
import { eachEvent, projector, reactor } from '../src/shared/processing/processor';
import { ProcessorRunner, ProcessorRunnerOptions } from '../src/shared/processing/processor-runner';
import { ensureProcessorSchema } from '../src/shared/processing/processor-schema';
import { defineEvents, upcaster } from '../src/shared/domain/event-registry';
import { createTestDatabase, TestDatabase } from './support/postgres';

const until = async (condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 15000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const event = (n: number, tenantId = 't'): NewEvent => ({
  id: randomUUID(),
  type: 'Counted',
  data: { n },
  metadata: { tenantId, actorId: 'a', correlationId: randomUUID(), causationId: randomUUID() },
});
const nOf = (e: RecordedEvent) => (e.data as { n: number }).n;

describe('processor runtime (PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let poisoned: Set<number>;
  /** The log is shared by the tests: each test's tenants are its own. */
  let run = '';
  const T = (tenant: string) => `${tenant}-${run}`;
  const runners: ProcessorRunner[] = [];
  const runner = (options: ProcessorRunnerOptions = {}) => {
    const created = new ProcessorRunner(pool, store, projector(counted), options);
    runners.push(created);
    return created;
  };

  /** Writes one row per event; throws on a poisoned n until it is cured. */
  const counted: Projection = {
    name: 'test.counted',
    handles: ['Counted'],
    tables: ['counted'],
    async applyBatch(tx, events) {
      for (const e of events) if (poisoned.has(nOf(e))) throw new Error(`cannot count ${nOf(e)}`);
      await tx.query(`INSERT INTO counted (n, position, tenant_id) SELECT * FROM unnest($1::int[], $2::bigint[], $3::text[])`, [
        events.map(nOf),
        events.map((e) => e.position.toString()),
        events.map((e) => e.metadata.tenantId),
      ]);
    },
  };
  const rows = async (tenantId = T('t')) =>
    (await pool.query(`SELECT n FROM counted WHERE $1::text IS NULL OR tenant_id = $1 ORDER BY position`, [tenantId])).rows.map((r) => r.n);
  const append = async (ns: number[], tenantId = T('t')) => {
    const appended = [];
    for (const n of ns) appended.push(await store.appendToStream(`count-${randomUUID()}`, [event(n, tenantId)], { expectedRevision: 'no_stream' }));
    return appended;
  };

  beforeAll(async () => {
    db = await createTestDatabase('projection');
    pool = new Pool({ connectionString: db.url });
    await ensureEventStoreSchema(pool);
    await ensureProcessorSchema(pool);
    await pool.query(`CREATE TABLE counted (n int PRIMARY KEY, position bigint NOT NULL, tenant_id text NOT NULL)`);
    await pool.query(`CREATE INDEX counted_by_tenant ON counted (tenant_id, position)`);
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
  });
  beforeEach(async () => {
    poisoned = new Set();
    await pool.query(`TRUNCATE counted; DELETE FROM processor_checkpoints; DELETE FROM processor_parks`);
    run = randomUUID().slice(0, 8);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('applies every event once, resumes from its checkpoint after a restart, and rebuilds beside the live tables', async () => {
    await append([1, 2, 3]);
    const first = runner({ batchSize: 2 });
    await first.start();
    await until(async () => (await rows()).length === 3, 'first three events');
    await first.stop();

    // Appended while nothing runs: the next runner must pick up exactly these.
    await append([4, 5]);
    const second = runner({ batchSize: 2 });
    await second.start();
    await until(async () => (await rows()).length === 5, 'events appended while stopped');
    expect(await rows()).toEqual([1, 2, 3, 4, 5]);
    const checkpoint = await readCheckpoint(pool, counted.name);
    expect(checkpoint.position).toBe(second.getStatus().position);

    await new BlueGreenRebuild(second).run();
    expect(await rows()).toEqual([1, 2, 3, 4, 5]);
    expect((await readCheckpoint(pool, counted.name)).rebuilds).toBe(1);
    // The new table carries the old one's index names, and the runner goes on writing to it.
    const { rows: indexes } = await pool.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'counted' ORDER BY 1`);
    expect(indexes.map((i) => i.indexname)).toEqual(['counted_by_tenant', 'counted_pkey']);
    await append([6]);
    await until(async () => (await rows()).length === 6, 'an event after the rebuild');
  });

  it("parks a failing event's tenant only: its later events wait in order, the others go on, a retry applies them", async () => {
    poisoned.add(12);
    const a = await append([11, 12, 13], T('tenant-a'));
    await append([21, 22], T('tenant-b'));
    const failing = runner({ batchSize: 10, backoffMs: 60_000 });
    await failing.start();
    await until(async () => (await rows(T('tenant-b'))).length === 2, "the other tenant's events");

    const status = failing.getStatus();
    expect(status.state).toBe('RUNNING');
    expect(status.parks).toEqual([
      expect.objectContaining({ tenantId: T('tenant-a'), position: a[1].position, eventType: 'Counted', error: 'cannot count 12' }),
    ]);
    expect(await rows(T('tenant-a'))).toEqual([11]); // 13 waits behind 12: not applied, not skipped
    const stored = await readCheckpoint(pool, counted.name);
    expect(stored.position).toBe(status.position);
    expect(stored.position > a[2].position).toBe(true); // the checkpoint moved on for everyone else
    expect((await readParks(pool, [counted.name])).get(counted.name)).toEqual([expect.objectContaining({ tenantId: T('tenant-a'), position: a[1].position })]);

    // Still failing: the park stays, counted as a retry.
    expect(await failing.parking.retry(T('tenant-a'))).toBe(false);
    expect(failing.getStatus().parks[0]).toMatchObject({ position: a[1].position, retries: 1 });

    // Later events of the parked tenant wait too; the other tenant's keep flowing.
    await append([14], T('tenant-a'));
    await append([23], T('tenant-b'));
    await until(async () => (await rows(T('tenant-b'))).length === 3, "the other tenant's later event");
    expect(await rows(T('tenant-a'))).toEqual([11]);

    poisoned.clear(); // the bug is fixed: the retry applies the waiting events in order
    expect(await failing.parking.retry(T('tenant-a'))).toBe(true);
    expect(await rows(T('tenant-a'))).toEqual([11, 12, 13, 14]);
    expect(failing.getStatus().parks).toEqual([]);
    expect((await readParks(pool, [counted.name])).get(counted.name)).toBeUndefined();
    await append([15], T('tenant-a'));
    await until(async () => (await rows(T('tenant-a'))).length === 5, 'the unparked tenant flows again');
  });

  it('hands processors typed events: older versions upcast, a version it cannot read parks only its tenant, named', async () => {
    // Versioned v2 stores { n }; version 1 stored { count }.
    const registry = defineEvents<{ type: 'Versioned'; data: { n: number } }>('test', {
      Versioned: { version: 2, upcasters: [upcaster<{ count: number }, { n: number }>(({ count }) => ({ n: count }))] },
    });
    const versioned: Projection = { ...counted, name: 'test.versioned', handles: ['Versioned'] };
    const put = (data: object, tenantId: string, schemaVersion?: number) => {
      const e = event(0, tenantId);
      return store.appendToStream(
        `versioned-${randomUUID()}`,
        [{ ...e, type: 'Versioned', data, metadata: { ...e.metadata, ...(schemaVersion ? { schemaVersion } : {}) } }],
        {
          expectedRevision: 'no_stream',
        },
      );
    };
    await put({ count: 1041 }, T('tenant-a'));
    const future = await put({ n: 1042 }, T('tenant-a'), 3);
    await put({ n: 1043 }, T('tenant-a'), 2);
    await put({ count: 1051 }, T('tenant-b'));
    await put({ n: 1052 }, T('tenant-b'), 2);

    const typed = new ProcessorRunner(pool, store, projector(versioned), { decode: (e) => registry.decode(e), backoffMs: 60_000 });
    runners.push(typed);
    await typed.start();
    await until(async () => (await rows(T('tenant-b'))).length === 2, "the other tenant's events");
    expect(await rows(T('tenant-b'))).toEqual([1051, 1052]);
    expect(await rows(T('tenant-a'))).toEqual([1041]); // 1043 waits behind the event this build cannot read
    expect(typed.getStatus().parks).toEqual([
      expect.objectContaining({
        tenantId: T('tenant-a'),
        position: future.position,
        eventType: 'Versioned',
        error: expect.stringContaining(`at position ${future.position} is stored at version 3; this build reads versions 1 to 2`),
      }),
    ]);
  });

  it('a rebuild stopped before its switch-over leaves the live read model as it was and no shadow behind', async () => {
    await append([91, 92, 93]);
    const live = runner();
    await live.start();
    await until(async () => (await rows()).length === 3, 'the live read model');
    const rebuild = new BlueGreenRebuild(live);
    const running = rebuild.run();
    rebuild.abort(); // the app is stopping
    await expect(running).rejects.toThrow('stopped before the switch-over');
    expect(await rows()).toEqual([91, 92, 93]);
    expect((await readCheckpoint(pool, counted.name)).rebuilds).toBe(0);
    const { rows: schemas } = await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'annals_rebuild%' OR nspname LIKE '%shadow%'`);
    expect(schemas).toEqual([]);
    await append([94]);
    await until(async () => (await rows()).length === 4, 'the live runner goes on');
  });

  it('fences out a runner that lost its lease unawares: once another took the processor over, it writes nothing and stands by', async () => {
    await append([101, 102]);
    // Both believe they lead (no lease of their own): the split brain a half-open lease connection causes.
    const stale = runner({ lease: false });
    await stale.start();
    await until(async () => (await rows()).length === 2, 'the first runner');
    const taker = runner({ lease: false });
    await taker.start();
    await append([103, 104]);
    await until(async () => (await rows()).length === 4, 'the events after the takeover');
    await until(() => stale.getStatus().state === 'STANDBY', 'the stale runner to stand by');
    expect(await rows()).toEqual([101, 102, 103, 104]); // each once
    expect(taker.getStatus()).toMatchObject({ state: 'RUNNING', parks: [] });
    expect((await readParks(pool, [counted.name])).get(counted.name)).toBeUndefined();
    expect((await readCheckpoint(pool, counted.name)).position).toBe(await store.headPosition());
  });

  it('retries a parked tenant by itself with the backoff policy', async () => {
    poisoned.add(32);
    await append([31, 32, 33], T('tenant-a'));
    const failing = runner({ backoffMs: 30, maxBackoffMs: 60 });
    await failing.start();
    await until(() => (failing.getStatus().parks[0]?.retries ?? 0) >= 2, 'two automatic retries');
    expect(await rows(T('tenant-a'))).toEqual([31]);
    poisoned.clear();
    await until(async () => (await rows(T('tenant-a'))).length === 3, 'recovery');
    expect(await rows(T('tenant-a'))).toEqual([31, 32, 33]);
    expect(failing.getStatus().parks).toEqual([]);
  });

  it('catches up in small pipelined batches: a failing batch parks its tenant with nothing of it after the failing event applied', async () => {
    poisoned.add(46);
    for (let n = 41; n <= 50; n++) await append([n], T(n % 2 ? 'tenant-odd' : 'tenant-even'));
    // Catch-up reads batches of 2 and commits each while reading the next.
    const catchingUp = runner({ catchUpBatchSize: 2, batchSize: 3, backoffMs: 60_000 });
    await catchingUp.start();
    await until(async () => (await rows(T('tenant-odd'))).length === 5, 'the other tenant');
    expect(await rows(T('tenant-even'))).toEqual([42, 44]);
    expect(catchingUp.getStatus().parks.map((p) => p.tenantId)).toEqual([T('tenant-even')]);
    poisoned.clear();
    await catchingUp.parking.retryAll();
    expect(await rows(T('tenant-even'))).toEqual([42, 44, 46, 48, 50]);
  });

  it('runs a processor on one runner only: a second one stands by', async () => {
    const leader = runner({ standbyRetryMs: 50 });
    const standby = runner({ standbyRetryMs: 50 });
    await leader.start();
    await standby.start();
    expect(leader.isLeader()).toBe(true);
    expect(standby.getStatus().state).toBe('STANDBY');
    await leader.stop();
    await until(() => standby.isLeader(), 'standby takes over');
  });

  it("parks a reactor for the failing event's tenant; its checkpoint moves after the effect; a retry replays the tenant in order", async () => {
    const effects: string[] = [];
    let broken = true;
    const notifier = reactor(
      eachEvent('test.notifier', ['Counted'], async (e) => {
        if (broken && nOf(e) === 62) throw new Error('mail server refuses 62');
        if (e.metadata.tenantId.endsWith(run)) effects.push(`${e.metadata.tenantId.slice(0, -run.length - 1)}:${nOf(e)}`);
      }),
    );
    await append([61, 62, 63], T('tenant-a'));
    await append([71], T('tenant-b'));
    const reacting = new ProcessorRunner(pool, store, notifier, { backoffMs: 60_000 });
    runners.push(reacting);
    await reacting.start();
    await until(() => effects.includes('tenant-b:71'), "the other tenant's effect");
    expect(effects).toEqual(['tenant-a:61', 'tenant-b:71']);
    expect(reacting.getStatus()).toMatchObject({
      kind: 'reactor',
      parks: [expect.objectContaining({ tenantId: T('tenant-a'), error: 'mail server refuses 62' })],
    });
    await until(
      async () => (await readCheckpoint(pool, 'test.notifier', 'reactor')).position === (await store.headPosition()),
      'the checkpoint past the batch',
    );

    broken = false;
    expect(await reacting.parking.retryAll()).toEqual([]);
    expect(effects).toEqual(['tenant-a:61', 'tenant-b:71', 'tenant-a:62', 'tenant-a:63']);
  });
  it('a reactor given a batch with an event it cannot decode has the effect of every other event, and parks only that tenant', async () => {
    const registry = defineEvents<{ type: 'Noted'; data: { n: number } }>('test', {
      Noted: { version: 2, upcasters: [upcaster<{ n: number }, { n: number }>((d) => d)] },
    });
    const noted: number[] = [];
    const put = (n: number, tenantId: string, schemaVersion: number) => {
      const e = event(n, tenantId);
      return store.appendToStream(`noted-${randomUUID()}`, [{ ...e, type: 'Noted', metadata: { ...e.metadata, schemaVersion } }], {
        expectedRevision: 'no_stream',
      });
    };
    await put(81, T('tenant-a'), 2);
    await put(82, T('tenant-b'), 2);
    const future = await put(83, T('tenant-c'), 3); // written by a newer build
    await put(84, T('tenant-b'), 2);
    await put(85, T('tenant-c'), 2);
    const reacting = new ProcessorRunner(pool, store, reactor(eachEvent('test.noted', ['Noted'], async (e) => void noted.push(nOf(e)))), {
      decode: (e) => registry.decode(e),
      backoffMs: 60_000,
      batchSize: 10,
    });
    runners.push(reacting);
    await reacting.start();
    await until(() => noted.includes(84), 'the events after the undecodable one');
    expect(noted).toEqual([81, 82, 84]); // 85 waits behind 83, its tenant's undecodable event
    expect(reacting.getStatus().parks).toEqual([expect.objectContaining({ tenantId: T('tenant-c'), position: future.position, eventType: 'Noted' })]);
  });

  /** Events of a type of their own: a processor started from the beginning of the shared log sees only this test's. */
  const appendAs = async (type: string, ns: number[]) => {
    const appended = [];
    for (const n of ns)
      appended.push(await store.appendToStream(`${type}-${randomUUID()}`, [{ ...event(n, T('t')), type }], { expectedRevision: 'no_stream' }));
    return appended;
  };

  it("moves a reactor's checkpoint at once after a batch that had an effect, and lazily (at the latest when it stops) past one that had none", async () => {
    const seen: number[] = [];
    const type = `Lazy${run}`;
    const lazy = reactor({
      name: 'test.lazy',
      handles: [type],
      prepare: (events: RecordedEvent[]) => events,
      // Only 92 concerns it: every other batch says it had no effect.
      deliver: async (events: RecordedEvent[]) => (seen.push(...events.map(nOf)), events.some((e) => nOf(e) === 92)),
    });
    const checkpoint = async () => (await readCheckpoint(pool, 'test.lazy', 'reactor')).position;
    const [first] = await appendAs(type, [90]);
    const reacting = new ProcessorRunner(pool, store, lazy);
    runners.push(reacting);
    await reacting.start();
    await until(async () => (await checkpoint()) === first.position, 'the first stretch without effect recorded');
    const [quiet] = await appendAs(type, [91]);
    await until(() => seen.includes(91), '91 delivered');
    await until(() => reacting.getStatus().caughtUpTo >= quiet.position, 'its status past 91');
    expect(await checkpoint()).toBe(first.position); // no write for a batch that did nothing
    const [effect] = await appendAs(type, [92]);
    await until(async () => (await checkpoint()) === effect.position, 'the checkpoint past the effect');
    const [last] = await appendAs(type, [93]);
    await until(() => seen.includes(93), '93 delivered');
    await reacting.stop();
    expect(await checkpoint()).toBe(last.position);
    expect(seen).toEqual([90, 91, 92, 93]);
  });

  it('pauses after a batch at the head when settleMs says so: what arrives meanwhile comes as one batch; a stop ends the pause', async () => {
    const type = `Settled${run}`;
    const batches: number[][] = [];
    const settled = (settleMs: number, name: string, handles = [type]): Projection => ({
      ...counted,
      name,
      handles,
      settleMs,
      applyBatch: async (tx, events) => {
        batches.push(events.map(nOf));
        await counted.applyBatch(tx, events);
      },
    });
    const pausing = new ProcessorRunner(pool, store, projector(settled(3000, 'test.settled')));
    runners.push(pausing);
    await pausing.start();
    await appendAs(type, [101]);
    await until(async () => (await rows()).length === 1, 'the first event');
    await appendAs(type, [102, 103, 104, 105]); // within the pause after the first batch
    await until(async () => (await rows()).length === 5, 'the next four');
    expect(batches).toEqual([[101], [102, 103, 104, 105]]);
    await pausing.stop();

    // A pause of ten minutes: stopping does not wait for it (the test's own timeout is one minute).
    const long = new ProcessorRunner(pool, store, projector(settled(600_000, 'test.settled-long', [`${type}Long`])));
    runners.push(long);
    await long.start();
    await appendAs(`${type}Long`, [106]);
    await until(async () => (await rows()).includes(106), 'the event before the pause');
    await long.stop();
    expect(long.getStatus().state).toBe('STOPPED');
  });
});
