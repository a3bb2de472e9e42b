import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { InvoiceNumbering } from '../src/orders/application/invoice-numbering';
import { invoiceCounterStream } from '../src/orders/domain/invoice.events';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ensureEventStoreSchema } from '../src/shared/event-store/postgres/postgres-event-store.schema';
import { createTestDatabase, TestDatabase } from './support/postgres';

const context = (tenantId: string) => ({ tenantId, actorId: 'system:invoicing', correlationId: randomUUID(), causationId: randomUUID() });
const expected = (count: number, year = 2026) => [...Array(count)].map((_, i) => `INV-${year}-${String(i + 1).padStart(6, '0')}`);

describe('invoice numbering on the PostgreSQL event store', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let numbering: InvoiceNumbering;

  beforeAll(async () => {
    db = await createTestDatabase('invoice_numbering');
    pool = new Pool({ connectionString: db.url, max: 8 });
    await ensureEventStoreSchema(pool);
    store = new PostgresEventStore(pool);
    numbering = new InvoiceNumbering(store);
  });
  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('hands out numbers without gaps or repeats to concurrent requests, per tenant', async () => {
    const requests = [...Array(6)].map((_, i) => ({ tenant: i % 2 ? 'gapless-b' : 'gapless-a', invoiceId: randomUUID() }));
    const numbers = await Promise.all(requests.map((r) => numbering.assign(r.invoiceId, randomUUID(), 2026, context(r.tenant))));
    for (const tenant of ['gapless-a', 'gapless-b']) {
      const mine = numbers.filter((_, i) => requests[i].tenant === tenant).sort();
      expect(mine).toEqual(expected(3));
      const stored = await store.readStream(invoiceCounterStream(tenant));
      expect(stored.map((e) => (e.data as { number: string }).number)).toEqual(expected(3));
    }
  });

  it('gives a retried invoice the number it already took, even concurrently with itself', async () => {
    const invoiceId = randomUUID();
    const [first, second] = await Promise.all([
      numbering.assign(invoiceId, 'o', 2026, context('retry')),
      numbering.assign(invoiceId, 'o', 2026, context('retry')),
    ]);
    expect(first).toBe('INV-2026-000001');
    expect(second).toBe(first);
    expect(await numbering.assign(randomUUID(), 'o', 2026, context('retry'))).toBe('INV-2026-000002');
    expect(await numbering.assign(invoiceId, 'o', 2026, context('retry'))).toBe(first);
    expect(await store.readStream(invoiceCounterStream('retry'))).toHaveLength(2);
  });

  it('finds an assignment older than the tail it reads, instead of taking a second number', async () => {
    const old = randomUUID();
    expect(await numbering.assign(old, 'o', 2026, context('long'))).toBe('INV-2026-000001');
    for (let i = 0; i < 105; i++) await numbering.assign(randomUUID(), 'o', 2026, context('long'));
    expect(await numbering.assign(old, 'o', 2026, context('long'))).toBe('INV-2026-000001');
    expect(await store.readStream(invoiceCounterStream('long'))).toHaveLength(106);
    expect(await numbering.assign(randomUUID(), 'o', 2026, context('long'))).toBe('INV-2026-000107');
  });

  it('starts again at 1 in a new year', async () => {
    await numbering.assign(randomUUID(), 'o', 2026, context('years'));
    expect(await numbering.assign(randomUUID(), 'o', 2027, context('years'))).toBe('INV-2027-000001');
  });
});
