import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventStore, NewEvent } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ensureEventStoreSchema } from '../src/shared/event-store/postgres/postgres-event-store.schema';
import { RecordLog } from '../src/shared/history/known-at';
import { auditedRecords } from '../projections';
import { createTestDatabase, TestDatabase } from './support/postgres';

/**
 * RecordLog's reads of many streams at once ("as known at" over a client's orders and invoices,
 * related records' names): in one query where the store can, stream by stream where it cannot
 * (EventStoreDB), the same answer either way; another tenant's stream reads as empty.
 */
describe('RecordLog: several records read at once, as known at a moment (embedded PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase('record_log');
    pool = new Pool({ connectionString: database.url, max: 8 });
    await ensureEventStoreSchema(pool);
    store = new PostgresEventStore(pool, { pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  const metadata = (tenantId: string) => ({ tenantId, actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID() });
  const product = (tenantId: string, productId: string, type: string, data: object): NewEvent => ({
    id: randomUUID(),
    type,
    data: { productId, ...data },
    metadata: metadata(tenantId),
  });

  it('folds each record as the moment knew it, whether the store reads the streams in one query or one by one', async () => {
    const [first, second, foreign] = [randomUUID(), randomUUID(), randomUUID()];
    const created = { sku: 'SKU-1', name: 'Hour', unitPrice: 10_000, taxRate: '20', currency: 'EUR' };
    await store.appendToStream(`product-${first}`, [product('acme', first, 'ProductCreated', created)], { expectedRevision: 'no_stream' });
    await store.appendToStream(`product-${second}`, [product('acme', second, 'ProductCreated', { ...created, sku: 'SKU-2' })], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream(`product-${foreign}`, [product('globex', foreign, 'ProductCreated', { ...created, sku: 'SKU-3' })], {
      expectedRevision: 'no_stream',
    });
    const [{ position: moment }] = await store.readStream(`product-${second}`);
    await store.appendToStream(`product-${first}`, [product('acme', first, 'ProductPriceChanged', { unitPrice: 12_000 })], { expectedRevision: 0n });

    // The same store without its several-streams read, as an adapter that reads stream by stream.
    const oneByOne: EventStore = {
      kind: 'eventstoredb',
      readStream: (name, options) => store.readStream(name, options),
      appendToStream: (name, events, options) => store.appendToStream(name, events, options),
      readAll: (options) => store.readAll(options),
      subscribeToAll: (options, handler) => store.subscribeToAll(options, handler),
      headPosition: () => store.headPosition(),
      close: async () => undefined,
    };
    for (const log of [new RecordLog(store, auditedRecords), new RecordLog(oneByOne, auditedRecords)]) {
      const ids = [first, second, foreign, randomUUID()];
      const then = await log.rowsAt('acme', 'orders_products', ids, { throughPosition: moment });
      expect([...then.keys()].sort()).toEqual([first, second].sort());
      expect(then.get(first)).toMatchObject({ unit_price: '10000' });
      const now = await log.rowsAt('acme', 'orders_products', ids, { knownAt: new Date() });
      expect(now.get(first)).toMatchObject({ unit_price: '12000' });
      const events = await log.eventsKnown('acme', [`product-${first}`, `product-${second}`, `product-${foreign}`], { knownAt: new Date() });
      expect(events.map((event) => event.type)).toEqual(['ProductCreated', 'ProductCreated', 'ProductPriceChanged']);
      expect(events.map((event) => event.position)).toEqual([...events.map((event) => event.position)].sort((a, b) => (a < b ? -1 : 1)));
    }
  });
});
