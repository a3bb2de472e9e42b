import { randomUUID } from 'node:crypto';
import { migrate, openDatabase, type Database } from '../src/app-database';
import { AuditChainReactor } from '../src/audit/chain/chain.reactor';
import { LogVerifier } from '../src/audit/chain/log-verifier';
import type { NewEvent, RecordedEvent } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { createTestDatabase, type TestDatabase } from './support/postgres';

/**
 * The chain reactor hashes a batch ahead (prepare) from the heads it expects, and writes it
 * (deliver) only from the heads the table holds: whatever the order of prepares and deliveries,
 * a second runner in between, or a replay, each tenant's chain is the one a verification recomputes.
 */
describe('the audit chain reactor (PostgreSQL)', () => {
  let database: TestDatabase;
  let db: Database;
  let store: PostgresEventStore;
  let verifier: LogVerifier;

  beforeAll(async () => {
    database = await createTestDatabase('audit_chain');
    db = await openDatabase(database.url, { poolSize: 6 });
    await migrate(db);
    store = new PostgresEventStore(db.pool, { pollIntervalMs: 50 });
    verifier = new LogVerifier(db.pool, store);
  });
  afterAll(async () => {
    await store.close();
    await db.close();
    await database.drop();
  });

  const append = async (tenants: string[], count: number): Promise<RecordedEvent[]> => {
    const positions: bigint[] = [];
    for (let i = 0; i < count; i++) {
      const tenantId = tenants[i % tenants.length];
      const event: NewEvent = {
        id: randomUUID(),
        type: 'ThingHappened',
        data: { i, note: `événement ${i}` },
        metadata: { tenantId, actorId: 'u', correlationId: randomUUID(), causationId: randomUUID() },
      };
      positions.push((await store.appendToStream(`thing-${randomUUID()}`, [event], { expectedRevision: 'no_stream' })).position);
    }
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll({ after: positions[0] - 1n })) if (event.position <= positions[positions.length - 1]) events.push(event);
    return events;
  };
  const chainedCount = async (tenantId: string) =>
    (await db.pool.query(`SELECT count(*)::int AS n FROM audit_chain WHERE tenant_id = $1`, [tenantId])).rows[0].n;

  it('chains batches hashed ahead, in order, as the runtime drives it', async () => {
    const tenants = [`a-${randomUUID()}`, `b-${randomUUID()}`];
    const events = await append(tenants, 30);
    const reactor = new AuditChainReactor(db);
    const first = reactor.prepare(events.slice(0, 10));
    const second = reactor.prepare(events.slice(10, 20)); // before the first is delivered
    await reactor.chain(first.events, first.ahead);
    await reactor.chain(second.events, second.ahead);
    const third = reactor.prepare(events.slice(20));
    await reactor.chain(third.events, third.ahead);
    for (const tenantId of tenants) {
      expect(await verifier.verify(tenantId)).toMatchObject({
        ok: true,
        checked: 15,
        headPosition: events.filter((e) => e.metadata.tenantId === tenantId).at(-1)!.position,
      });
      expect(await chainedCount(tenantId)).toBe(15);
    }
  });

  it('hashes again from the table when another runner moved the chain meanwhile, and a replay chains nothing twice', async () => {
    const tenantId = `c-${randomUUID()}`;
    const events = await append([tenantId], 12);
    const leader = new AuditChainReactor(db);
    const other = new AuditChainReactor(db);
    const first = leader.prepare(events.slice(0, 4));
    await leader.chain(first.events, first.ahead);
    const stale = leader.prepare(events.slice(4, 12)); // hashed ahead from position 4...
    await other.chain(events.slice(4, 8)); // ...but another runner chains 5 to 8 first, from the table
    await leader.chain(stale.events, stale.ahead);
    expect(await verifier.verify(tenantId)).toMatchObject({ ok: true, checked: 12, headPosition: events[11].position });
    // Another runner that guessed wrong: its guess is not the table's head, so it is hashed again.
    const wrong = other.prepare(events.slice(0, 12));
    await other.chain(wrong.events, wrong.ahead);
    await leader.chain(events);
    expect(await chainedCount(tenantId)).toBe(12);
    expect(await verifier.verify(tenantId)).toMatchObject({ ok: true, checked: 12 });
  });

  it("writes nothing hashed ahead for any tenant of a batch when one tenant's head moved meanwhile, and chains both from the table", async () => {
    const tenants = [`d-${randomUUID()}`, `e-${randomUUID()}`];
    const events = await append(tenants, 12);
    const leader = new AuditChainReactor(db);
    const other = new AuditChainReactor(db);
    const first = leader.prepare(events.slice(0, 4));
    await leader.chain(first.events, first.ahead);
    const ahead = leader.prepare(events.slice(4, 12)); // both tenants hashed ahead from their heads at 4...
    const moved = events.slice(4, 8).filter((e) => e.metadata.tenantId === tenants[1]);
    await other.chain(moved); // ...but the second tenant's head moves first
    await leader.chain(ahead.events, ahead.ahead);
    for (const tenantId of tenants) {
      expect(await chainedCount(tenantId)).toBe(6);
      expect(await verifier.verify(tenantId)).toMatchObject({ ok: true, checked: 6 });
    }
  });
});
