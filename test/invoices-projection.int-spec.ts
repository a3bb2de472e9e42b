import { randomUUID } from 'node:crypto';
import { invoicesProjection } from '../projections/orders/invoices.projection';
import { InvoiceQueries } from '../src/orders/application/invoice.queries';
import { InvoiceStatus } from '../src/orders/api/invoice.types';
import { Database, migrate, openDatabase } from '../src/app-database';
import { RecordedEvent } from '../src/shared/event-store/event-store.port';
import { systemClock } from '../src/shared/clock';
import { ListArgs, SortOrder } from '../src/shared/graphql/list.types';
import { TenantReader } from '../src/shared/read-model/tenant-reader';
import { createTestDatabase, TestDatabase } from './support/postgres';

let position = 0n;
const revisions = new Map<string, bigint>();
const recorded = (invoiceId: string, type: string, data: Record<string, unknown>, tenantId = 'acme'): RecordedEvent => {
  const streamName = `invoice-${invoiceId}`;
  const revision = revisions.get(streamName) ?? 0n;
  revisions.set(streamName, revision + 1n);
  position += 1n;
  return {
    id: randomUUID(),
    streamName,
    type,
    revision,
    position,
    data: { invoiceId, ...data },
    metadata: { tenantId, actorId: 'u', correlationId: randomUUID(), causationId: randomUUID() },
    recordedAt: new Date(Date.UTC(2026, 10, 21, 12, 0, Number(position))),
  };
};

const issued = (invoiceId: string, number: string, tenantId = 'acme', dates = { issuedOn: '2026-11-01', dueOn: '2026-12-01' }) =>
  recorded(
    invoiceId,
    'InvoiceIssued',
    { number, orderId: randomUUID(), clientId: randomUUID(), currency: tenantId === 'acme' ? 'USD' : 'EUR', net: 10000, tax: 2000, total: 12000, ...dates },
    tenantId,
  );
const payment = (invoiceId: string, amount: number) =>
  recorded(invoiceId, 'PaymentRecorded', {
    paymentId: randomUUID(),
    clientId: 'c',
    currency: 'USD',
    amount,
    method: 'CARD',
    reference: 'R',
    receivedOn: '2026-11-20',
  });

const list = (overrides: Partial<ListArgs> = {}): ListArgs => ({ page: 1, perPage: 100, sortField: 'number', sortOrder: SortOrder.ASC, ...overrides });

describe('invoices read model (PostgreSQL)', () => {
  let db: TestDatabase;
  let database: Database;
  let queries: InvoiceQueries;

  const apply = async (events: RecordedEvent[]) => {
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await invoicesProjection.applyBatch(client, events);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const row = async (id: string) => (await database.pool.query(`SELECT * FROM orders_invoices WHERE id = $1`, [id])).rows[0];

  beforeAll(async () => {
    db = await createTestDatabase('invoices_projection');
    database = await openDatabase(db.url, { poolSize: 3 });
    await migrate(database);
    queries = new InvoiceQueries(new TenantReader(database.readers), systemClock);
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it('follows an invoice from issue through a resend, a credit note and payments to PAID, in one batch', async () => {
    const id = randomUUID();
    await apply([
      issued(id, 'INV-2026-000001'),
      recorded(id, 'InvoiceSent', { sentOn: '2026-11-02' }),
      recorded(id, 'CreditNoteIssued', {
        creditNoteId: 'cn',
        clientId: 'c',
        currency: 'USD',
        amount: 2000,
        net: 1667,
        tax: 333,
        reason: 'damaged',
        issuedOn: '2026-11-03',
      }),
      payment(id, 4000),
    ]);
    expect(await row(id)).toMatchObject({
      number: 'INV-2026-000001',
      status: 'PARTIALLY_PAID',
      total: '12000',
      amount_paid: '4000',
      credited: '2000',
      balance_due: '6000',
      sent_on: '2026-11-02',
      revision: '3',
      credit_notes: [{ creditNoteId: 'cn', amount: 2000, net: 1667, tax: 333, reason: 'damaged', issuedOn: '2026-11-03' }],
    });
    await apply([payment(id, 6000), recorded(id, 'InvoiceFullyPaid', { orderId: 'o', paidOn: '2026-11-20' })]);
    expect(await row(id)).toMatchObject({ status: 'PAID', amount_paid: '10000', balance_due: '0', paid_on: '2026-11-20', revision: '5' });
    expect((await row(id)).payments).toHaveLength(2);
  });

  it('marks a voided invoice VOID with its reason', async () => {
    const id = randomUUID();
    await apply([issued(id, 'INV-2026-000002')]);
    await apply([
      recorded(id, 'InvoiceVoided', { clientId: 'c', currency: 'USD', net: 10000, tax: 2000, total: 12000, reason: 'duplicate', voidedOn: '2026-11-05' }),
    ]);
    expect(await row(id)).toMatchObject({ status: 'VOID', voided_on: '2026-11-05', void_reason: 'duplicate', balance_due: '12000' });
  });

  it('ignores events of an invoice it never saw issued', async () => {
    const id = randomUUID();
    await apply([payment(id, 100)]);
    expect(await row(id)).toBeUndefined();
  });

  it('answers queries within one tenant, with amounts as decimal strings and overdue as of the day asked', async () => {
    const open = randomUUID();
    const paid = randomUUID();
    const other = randomUUID();
    await apply([
      issued(open, 'INV-2026-000101', 'acme', { issuedOn: '2026-10-01', dueOn: '2026-10-31' }),
      issued(paid, 'INV-2026-000102', 'acme', { issuedOn: '2026-10-01', dueOn: '2026-10-31' }),
      payment(paid, 12000),
      recorded(paid, 'InvoiceFullyPaid', { orderId: 'o', paidOn: '2026-11-20' }),
      issued(other, 'INV-2026-000101', 'globex', { issuedOn: '2026-10-01', dueOn: '2026-10-31' }),
    ]);
    expect(await queries.invoice('acme', open, '2026-10-31')).toMatchObject({ total: '120.00', balanceDue: '120.00', overdue: false });
    expect(await queries.invoice('acme', open, '2026-11-01')).toMatchObject({ overdue: true });
    expect(await queries.invoice('acme', paid, '2026-11-01')).toMatchObject({ status: 'PAID', overdue: false, amountPaid: '120.00' });
    expect(await queries.invoice('acme', other)).toBeNull();
    expect(await queries.invoice('globex', other)).toMatchObject({ currency: 'EUR', number: 'INV-2026-000101' });

    const overdue = await queries.invoices('acme', { overdue: true }, list(), '2026-11-01');
    expect(overdue.items.map((i) => i.id)).toEqual([open]);
    const notOverdue = await queries.invoices('acme', { overdue: false, status: InvoiceStatus.PAID }, list(), '2026-11-01');
    expect(notOverdue.items.map((i) => i.id)).toContain(paid);
    expect(notOverdue.items.every((i) => i.status === 'PAID')).toBe(true);
    expect((await queries.invoices('acme', { overdue: true, status: InvoiceStatus.PAID }, list(), '2026-11-01')).total).toBe(0);

    const byBalance = await queries.invoices('acme', {}, list({ sortField: 'balanceDue', sortOrder: SortOrder.DESC }), '2026-11-01');
    expect(byBalance.items.every((item) => item.number.startsWith('INV-'))).toBe(true);
    expect(byBalance.items.map((i) => i.id)).not.toContain(other);
    await expect(queries.invoices('acme', {}, list({ sortField: 'nope' }))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('lets row-level security hide other tenants even from a query without a tenant filter', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('role', 'annals_reader', true), set_config('app.tenant_id', 'globex', true)`);
      const { rows } = await client.query(`SELECT DISTINCT tenant_id FROM orders_invoices`);
      expect(rows).toEqual([{ tenant_id: 'globex' }]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
