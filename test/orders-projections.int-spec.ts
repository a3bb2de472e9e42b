import { randomUUID } from 'node:crypto';
import { Database, migrate, openDatabase } from '../src/app-database';
import { RecordedEvent } from '../src/shared/event-store/event-store.port';
import { Projection } from '../src/shared/projection/projection';
import { ordersProjection } from '../projections/orders/orders.projection';
import { productsProjection } from '../projections/orders/products.projection';
import { quotesProjection } from '../projections/orders/quotes.projection';
import { createTestDatabase, TestDatabase } from './support/postgres';

let position = 0n;
const revisions = new Map<string, bigint>();
const recorded = (streamName: string, type: string, data: unknown, tenantId = 'acme'): RecordedEvent => {
  const revision = revisions.get(streamName) ?? 0n;
  revisions.set(streamName, revision + 1n);
  position += 1n;
  return {
    id: randomUUID(),
    streamName,
    type,
    revision,
    position,
    data,
    metadata: { tenantId, actorId: 'u', correlationId: randomUUID(), causationId: randomUUID() },
    recordedAt: new Date(Date.UTC(2026, 10, 21, 12, 0, Number(position))),
  };
};

describe('orders read models (PostgreSQL)', () => {
  let db: TestDatabase;
  let database: Database;

  const apply = async (projection: Projection, events: RecordedEvent[]) => {
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await projection.applyBatch(client, events);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const row = async (table: string, id: string) => (await database.pool.query(`SELECT * FROM ${table} WHERE id = $1`, [id])).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase('orders_projections');
    database = await openDatabase(db.url, { poolSize: 3 });
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it('keeps a product row: created, repriced, deactivated, in one batch', async () => {
    const productId = randomUUID();
    const stream = `product-${productId}`;
    await apply(productsProjection, [
      recorded(stream, 'ProductCreated', { productId, sku: 'W-1', name: 'Widget', currency: 'USD', unitPrice: 1250, taxRate: '20' }),
      recorded(stream, 'ProductPriceChanged', { productId, unitPrice: 1400, previousUnitPrice: 1250 }),
    ]);
    expect(await row('orders_products', productId)).toMatchObject({ sku: 'W-1', unit_price: '1400', tax_rate: '20', active: true, revision: '1' });
    await apply(productsProjection, [recorded(stream, 'ProductDeactivated', { productId })]);
    expect(await row('orders_products', productId)).toMatchObject({ active: false, revision: '2' });
  });

  it('follows a quote through revision, sending, acceptance and its order', async () => {
    const quoteId = randomUUID();
    const clientId = randomUUID();
    const orderId = randomUUID();
    const stream = `quote-${quoteId}`;
    const line = { productId: null, description: 'Setup', quantity: '1', unitPrice: 10000, taxRate: '20', net: 10000, tax: 2000 };
    const revisedLine = { ...line, description: 'Consulting', quantity: '2', net: 20000, tax: 4000 };
    await apply(quotesProjection, [
      recorded(stream, 'QuoteDrafted', {
        quoteId,
        clientId,
        currency: 'USD',
        validUntil: '2026-12-31',
        revision: 1,
        lines: [line],
        net: 10000,
        tax: 2000,
        total: 12000,
      }),
      recorded(stream, 'QuoteSent', { quoteId, revision: 1, sentOn: '2026-11-21' }),
      recorded(stream, 'QuoteRevised', { quoteId, validUntil: '2027-01-31', revision: 2, lines: [revisedLine], net: 20000, tax: 4000, total: 24000 }),
    ]);
    expect(await row('orders_quotes', quoteId)).toMatchObject({
      status: 'DRAFT',
      quote_revision: 2,
      valid_until: '2027-01-31',
      lines: [revisedLine],
      search: 'Consulting',
      net: '20000',
      tax: '4000',
      total: '24000',
      sent_on: null,
    });
    await apply(quotesProjection, [
      recorded(stream, 'QuoteSent', { quoteId, revision: 2, sentOn: '2026-11-22' }),
      recorded(stream, 'QuoteAccepted', { quoteId, revision: 2, acceptedOn: '2026-11-23' }),
      recorded(`order-${orderId}`, 'OrderPlaced', {
        orderId,
        quoteId,
        clientId,
        currency: 'USD',
        lines: [revisedLine],
        net: 20000,
        tax: 4000,
        total: 24000,
        placedOn: '2026-11-23',
      }),
    ]);
    expect(await row('orders_quotes', quoteId)).toMatchObject({ status: 'ACCEPTED', accepted_on: '2026-11-23', order_id: orderId, revision: '4' });
  });

  it('follows an order from placement to closing', async () => {
    const orderId = randomUUID();
    const quoteId = randomUUID();
    const clientId = randomUUID();
    const invoiceId = randomUUID();
    const stream = `order-${orderId}`;
    const totals = { currency: 'EUR', net: 10000, tax: 2000, total: 12000 };
    await apply(ordersProjection, [
      recorded(stream, 'OrderPlaced', { orderId, quoteId, clientId, lines: [], placedOn: '2026-11-21', ...totals }, 'globex'),
      recorded(stream, 'PaymentFailed', { orderId, reason: 'declined' }, 'globex'),
      recorded(stream, 'PaymentAuthorized', { orderId, reference: 'AUTH-9' }, 'globex'),
      recorded(stream, 'OrderShipped', { orderId, carrier: 'DHL', trackingNumber: 'JD01', shippedOn: '2026-11-22' }, 'globex'),
    ]);
    expect(await row('orders_orders', orderId)).toMatchObject({
      tenant_id: 'globex',
      status: 'SHIPPED',
      payment_reference: 'AUTH-9',
      payment_failure_reason: 'declined',
      carrier: 'DHL',
      tracking_number: 'JD01',
      total: '12000',
    });
    await apply(ordersProjection, [
      recorded(stream, 'OrderDelivered', { orderId, quoteId, clientId, deliveredOn: '2026-11-23', ...totals }, 'globex'),
      recorded(stream, 'OrderInvoiced', { orderId, invoiceId }, 'globex'),
    ]);
    expect(await row('orders_orders', orderId)).toMatchObject({ status: 'INVOICED', delivered_on: '2026-11-23', invoice_id: invoiceId });
    await apply(ordersProjection, [recorded(stream, 'OrderClosed', { orderId }, 'globex')]);
    expect(await row('orders_orders', orderId)).toMatchObject({ status: 'CLOSED', revision: '6' });
  });

  it('shows a tenant only its own rows when read as annals_reader', async () => {
    const ids = [randomUUID(), randomUUID()];
    await apply(productsProjection, [
      recorded(`product-${ids[0]}`, 'ProductCreated', { productId: ids[0], sku: 'RLS', name: 'A', currency: 'USD', unitPrice: 1, taxRate: '0' }, 'acme'),
      recorded(`product-${ids[1]}`, 'ProductCreated', { productId: ids[1], sku: 'RLS', name: 'G', currency: 'EUR', unitPrice: 1, taxRate: '0' }, 'globex'),
    ]);
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('role', 'annals_reader', true), set_config('app.tenant_id', 'globex', true)`);
      const { rows } = await client.query(`SELECT name FROM orders_products WHERE sku = 'RLS'`);
      expect(rows).toEqual([{ name: 'G' }]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });
});
