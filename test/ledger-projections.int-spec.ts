import { randomUUID } from 'node:crypto';
import { RecordedEvent } from '../src/shared/event-store/event-store.port';
import { Database, migrate, openDatabase } from '../src/app-database';
import { Projection } from '../src/shared/projection/projection';
import { accountsProjection, ledgerSettingsProjection } from '../projections/ledger/accounts.projection';
import { journalProjection } from '../projections/ledger/journal.projection';
import { ageInvoices, arInvoicesProjection, bucketFor } from '../projections/ledger/ar-aging.projection';
import { createTestDatabase, TestDatabase } from './support/postgres';

let position = 0n;
const revisions = new Map<string, bigint>();
const recorded = (streamName: string, type: string, data: Record<string, unknown>, tenantId = 'acme'): RecordedEvent => {
  const revision = revisions.get(streamName) ?? 0n;
  revisions.set(streamName, revision + 1n);
  return {
    id: randomUUID(),
    streamName,
    type,
    revision,
    position: ++position,
    data,
    metadata: { tenantId, actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID() },
    recordedAt: new Date(Date.UTC(2026, 10, 21, 12, 0, Number(position))),
  };
};

const line = (accountCode: string, debit: number, credit: number) => ({ accountCode, debit, credit });

describe('ledger projections (PostgreSQL)', () => {
  let db: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    db = await createTestDatabase('ledger_projections');
    database = await openDatabase(db.url, { poolSize: 2 });
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  const apply = async (projection: Projection, events: RecordedEvent[]) => {
    const tx = await database.pool.connect();
    try {
      await tx.query('BEGIN');
      await projection.applyBatch(
        tx,
        events.filter((event) => projection.handles.includes(event.type)),
      );
      await tx.query('COMMIT');
    } finally {
      tx.release();
    }
  };
  const rows = async (sql: string, params: unknown[]) => (await database.pool.query(sql, params)).rows;

  it('keeps the chart: accounts opened and closed, the period lock', async () => {
    const chartId = randomUUID();
    const stream = `chartOfAccounts-${chartId}`;
    const rent = randomUUID();
    await apply(accountsProjection, [
      recorded(stream, 'AccountOpened', { chartId, accountId: rent, code: '6100', name: 'Rent', accountType: 'EXPENSE' }, 'chart-t'),
      recorded(stream, 'AccountClosed', { chartId, accountId: rent, code: '6100' }, 'chart-t'),
    ]);
    await apply(ledgerSettingsProjection, [
      recorded(stream, 'PeriodLocked', { chartId, through: '2026-01-31', previous: null }, 'chart-t'),
      recorded(stream, 'PeriodLocked', { chartId, through: '2026-02-28', previous: '2026-01-31' }, 'chart-t'),
    ]);
    expect(await rows(`SELECT code, name, account_type, open FROM ledger_accounts WHERE tenant_id = 'chart-t'`, [])).toEqual([
      { code: '6100', name: 'Rent', account_type: 'EXPENSE', open: false },
    ]);
    expect(await rows(`SELECT locked_through FROM ledger_settings WHERE id = $1`, [chartId])).toEqual([{ locked_through: '2026-02-28' }]);
  });

  it('writes entries, lines and daily balances; a reversal in the same batch marks the original', async () => {
    const tenant = 'journal-t';
    const a = randomUUID();
    const b = randomUUID();
    const reversal = randomUUID();
    const events = [
      recorded(
        `journalEntry-${a}`,
        'JournalEntryPosted',
        {
          entryId: a,
          date: '2026-03-01',
          memo: 'Sale',
          currency: 'USD',
          lines: [line('1100', 12000, 0), line('4000', 0, 10000), line('2200', 0, 2000)],
          source: { type: 'InvoiceIssued', id: 'inv-1', eventId: 'e1' },
        },
        tenant,
      ),
      recorded(
        `journalEntry-${b}`,
        'JournalEntryPosted',
        { entryId: b, date: '2026-03-01', memo: 'Cash in', currency: 'USD', lines: [line('1000', 5000, 0), line('1100', 0, 5000)], source: null },
        tenant,
      ),
      recorded(
        `journalEntry-${b}`,
        'JournalEntryReversed',
        {
          entryId: b,
          reversalEntryId: reversal,
          date: '2026-03-02',
          memo: 'Reversal of "Cash in": typo',
          reason: 'typo',
          currency: 'USD',
          lines: [line('1000', 0, 5000), line('1100', 5000, 0)],
          source: null,
        },
        tenant,
      ),
    ];
    await apply(journalProjection, events.slice(0, 2));
    await apply(journalProjection, events.slice(2));
    const entries = await rows(
      `SELECT id, entry_date, total, source_type, reversal_of, reversed_by, reversal_reason FROM ledger_entries WHERE tenant_id = $1 ORDER BY entry_date, total DESC`,
      [tenant],
    );
    expect(entries).toEqual([
      { id: a, entry_date: '2026-03-01', total: '12000', source_type: 'InvoiceIssued', reversal_of: null, reversed_by: null, reversal_reason: null },
      { id: b, entry_date: '2026-03-01', total: '5000', source_type: null, reversal_of: null, reversed_by: reversal, reversal_reason: 'typo' },
      { id: reversal, entry_date: '2026-03-02', total: '5000', source_type: null, reversal_of: b, reversed_by: null, reversal_reason: null },
    ]);
    expect(await rows(`SELECT count(*)::int AS n FROM ledger_lines WHERE tenant_id = $1`, [tenant])).toEqual([{ n: 7 }]);
    const balances = await rows(`SELECT account_code, day, debit, credit FROM ledger_daily_balances WHERE tenant_id = $1 ORDER BY account_code, day`, [tenant]);
    expect(balances).toEqual([
      { account_code: '1000', day: '2026-03-01', debit: '5000', credit: '0' },
      { account_code: '1000', day: '2026-03-02', debit: '0', credit: '5000' },
      { account_code: '1100', day: '2026-03-01', debit: '12000', credit: '5000' },
      { account_code: '1100', day: '2026-03-02', debit: '5000', credit: '0' },
      { account_code: '2200', day: '2026-03-01', debit: '0', credit: '2000' },
      { account_code: '4000', day: '2026-03-01', debit: '0', credit: '10000' },
    ]);
  });

  it('counts a line in the balances once, even if its event came again', async () => {
    const tenant = 'twice-t';
    const id = randomUUID();
    const event = recorded(
      `journalEntry-${id}`,
      'JournalEntryPosted',
      { entryId: id, date: '2026-04-01', memo: 'x', currency: 'USD', lines: [line('1000', 100, 0), line('3000', 0, 100)], source: null },
      tenant,
    );
    await apply(journalProjection, [event]);
    await apply(journalProjection, [event]);
    expect(await rows(`SELECT sum(debit)::int AS d, sum(credit)::int AS c FROM ledger_daily_balances WHERE tenant_id = $1`, [tenant])).toEqual([
      { d: 100, c: 100 },
    ]);
  });

  it('keeps receivables by invoice, payments and credits dated, voids and duplicates ignored', async () => {
    const tenant = 'ar-t';
    const invoiceId = randomUUID();
    const clientId = randomUUID();
    const stream = `invoice-${invoiceId}`;
    const payment = { invoiceId, paymentId: 'p1', clientId, currency: 'USD', amount: 3000, method: 'WIRE', reference: 'W1', receivedOn: '2026-04-10' };
    await apply(arInvoicesProjection, [
      recorded(
        stream,
        'InvoiceIssued',
        {
          invoiceId,
          number: 'INV-2026-000009',
          orderId: randomUUID(),
          clientId,
          currency: 'USD',
          issuedOn: '2026-03-01',
          dueOn: '2026-03-31',
          net: 10000,
          tax: 2000,
          total: 12000,
        },
        tenant,
      ),
      recorded(stream, 'PaymentRecorded', payment, tenant),
    ]);
    await apply(arInvoicesProjection, [
      recorded(stream, 'PaymentRecorded', payment, tenant),
      recorded(
        stream,
        'CreditNoteIssued',
        { invoiceId, creditNoteId: 'c1', clientId, currency: 'USD', amount: 1200, net: 1000, tax: 200, reason: 'damaged', issuedOn: '2026-05-01' },
        tenant,
      ),
    ]);
    const [row] = await rows(`SELECT * FROM ledger_ar_invoices WHERE id = $1`, [invoiceId]);
    expect(row).toMatchObject({ tenant_id: tenant, client_id: clientId, number: 'INV-2026-000009', due_on: '2026-03-31', total: '12000', voided_on: null });
    expect(row.movements).toEqual([
      { id: 'p1', kind: 'PAYMENT', on: '2026-04-10', amount: 3000 },
      { id: 'c1', kind: 'CREDIT', on: '2026-05-01', amount: 1200 },
    ]);
    expect(ageInvoices([row], '2026-02-28')).toEqual([]);
    expect(ageInvoices([row], '2026-03-15')).toEqual([{ invoiceId, clientId, outstanding: 12000, daysPastDue: -16, bucket: 'current' }]);
    expect(ageInvoices([row], '2026-04-20')).toMatchObject([{ outstanding: 9000, bucket: 'days1to30' }]);
    expect(ageInvoices([row], '2026-07-15')).toMatchObject([{ outstanding: 7800, bucket: 'over90' }]);

    await apply(arInvoicesProjection, [
      recorded(
        stream,
        'InvoiceVoided',
        { invoiceId, clientId, currency: 'USD', net: 10000, tax: 2000, total: 12000, reason: 'x', voidedOn: '2026-06-01' },
        tenant,
      ),
    ]);
    const [voided] = await rows(`SELECT * FROM ledger_ar_invoices WHERE id = $1`, [invoiceId]);
    expect(ageInvoices([voided], '2026-05-15')).toMatchObject([{ outstanding: 7800, bucket: 'days31to60' }]);
    expect(ageInvoices([voided], '2026-06-01')).toEqual([]);
  });

  it('buckets days past due as current, 1-30, 31-60, 61-90, over 90', () => {
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91].map(bucketFor)).toEqual([
      'current',
      'current',
      'days1to30',
      'days1to30',
      'days31to60',
      'days31to60',
      'days61to90',
      'days61to90',
      'over90',
    ]);
  });
});
