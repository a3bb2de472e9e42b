import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore, NewEvent } from '../src/shared/event-store/event-store.port';
import { ProjectionsService } from '../src/shared/projection/projections.service';
import { TenantProvisioning } from '../src/identity/application/tenant-provisioning';
import { startTestApp, TestApp } from './support/app';

const ENTRY_FIELDS =
  'id date memo currency total sourceType sourceId reversalOf reversedBy reversalReason postedBy lines { accountCode accountName debit credit }';
const POST = `mutation ($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { ${ENTRY_FIELDS} } }`;
const REVERSE = `mutation ($id: ID!, $reason: String!, $date: String) { reverseJournalEntry(id: $id, reason: $reason, date: $date) { ${ENTRY_FIELDS} } }`;
const ENTRY = `query ($id: ID!) { journalEntry(id: $id) { ${ENTRY_FIELDS} } }`;
const ENTRIES = `query ($filter: JournalEntryFilter, $page: Int, $perPage: Int, $sortOrder: SortOrder) {
  journalEntries(filter: $filter, page: $page, perPage: $perPage, sortOrder: $sortOrder) { total items { ${ENTRY_FIELDS} } } }`;
const ACCOUNTS = `query ($asOf: String) { accounts(asOf: $asOf, perPage: 100) { total items { id code name type open debit credit balance } } }`;
const TRIAL = `query ($asOf: String!) { trialBalance(asOf: $asOf) { asOf currency totalDebit totalCredit lines { accountCode accountName accountType debit credit } } }`;
const AGING = `query ($asOf: String!) { arAging(asOf: $asOf) { asOf currency totals { current days1to30 days31to60 days61to90 over90 total }
  lines { clientId clientName invoiceCount current days1to30 days31to60 days61to90 over90 total } } }`;
const LOCK = `mutation ($through: String!) { lockPeriod(through: $through) { lockedThrough } }`;
const OPEN = `mutation ($input: OpenAccountInput!) { openAccount(input: $input) { id code name type open balance } }`;
const CLOSE = `mutation ($code: String!) { closeAccount(code: $code) { code open } }`;
const HISTORY = `query ($entity: String!, $id: ID!) { history(entity: $entity, id: $id) { type data metadata } }`;

const cents = (amount: string) => Math.round(Number(amount) * 100);

describe('Ledger through GraphQL (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let accountant: Record<string, string>;
  let auditor: Record<string, string>;
  let sales: Record<string, string>;
  let globex: Record<string, string>;
  let store: EventStore;

  const as = async (email: string) => ({ authorization: `Bearer ${await t.login(email)}` });
  const ok = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await t.graphql(query, variables, headers);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const refused = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    (await t.graphql(query, variables, headers)).errors?.[0];
  const balances = async (headers = accountant, asOf?: string): Promise<Record<string, string>> => {
    const data = await ok(ACCOUNTS, { asOf }, headers);
    return Object.fromEntries(data.accounts.items.map((a: { code: string; balance: string }) => [a.code, a.balance]));
  };
  const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await as('admin@acme.test');
    accountant = await as('accountant@acme.test');
    auditor = await as('auditor@acme.test');
    sales = await as('sales@acme.test');
    globex = await as('accountant@globex.test');
    store = t.app.get(EVENT_STORE);
    // Demo data may still be flowing through process managers (and so into the ledger): let it settle, so balance deltas are ours.
    const projections = t.app.get(ProjectionsService);
    for (let head = -1n; head !== (await store.headPosition());) {
      head = await store.headPosition();
      await projections.waitFor(projections.names(), head, 30_000);
    }
  });
  afterAll(() => t?.close());

  it('seeds the standard chart of accounts in each tenant, in its currency', async () => {
    const data = await ok(ACCOUNTS, {}, auditor);
    const codes = data.accounts.items.map((a: { code: string; name: string; type: string }) => `${a.code} ${a.name} ${a.type}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        '1000 Cash ASSET',
        '1100 Accounts Receivable ASSET',
        '2200 Sales Tax Payable LIABILITY',
        "3000 Owner's Equity EQUITY",
        '4000 Sales Revenue REVENUE',
        '5000 Cost of Goods Sold EXPENSE',
        '6000 Operating Expenses EXPENSE',
      ]),
    );
    expect((await ok(TRIAL, { asOf: '2026-01-01' }, globex)).trialBalance.currency).toBe('EUR');
  });

  describe('manual entries', () => {
    let entry: any;

    it('posts a balanced entry and answers it, lines in the tenant currency', async () => {
      const before = await balances();
      const data = await ok(
        POST,
        {
          input: {
            date: '2026-03-01',
            memo: 'March rent',
            lines: [
              { accountCode: '6000', debit: '1250.5' },
              { accountCode: '1000', credit: '1250.50' },
            ],
          },
        },
        accountant,
      );
      entry = data.postJournalEntry;
      expect(entry).toMatchObject({
        date: '2026-03-01',
        memo: 'March rent',
        currency: 'USD',
        total: '1250.50',
        sourceType: null,
        reversedBy: null,
        lines: [
          { accountCode: '6000', accountName: 'Operating Expenses', debit: '1250.50', credit: '0.00' },
          { accountCode: '1000', accountName: 'Cash', debit: '0.00', credit: '1250.50' },
        ],
      });
      expect((await ok(ENTRY, { id: entry.id }, auditor)).journalEntry).toEqual(entry);
      const after = await balances();
      expect(cents(after['6000']) - cents(before['6000'])).toBe(125050);
      expect(cents(after['1000']) - cents(before['1000'])).toBe(-125050);
      // As of the day before, the entry is not in the balance yet.
      expect((await balances(accountant, '2026-02-28'))['6000']).toBe(before['6000']);
    });

    it('shows the entry in the account’s general ledger, filtered by dates', async () => {
      const gl = await ok(ENTRIES, { filter: { accountCode: '6000', from: '2026-03-01', to: '2026-03-01' } }, auditor);
      expect(gl.journalEntries.items.map((e: { id: string }) => e.id)).toContain(entry.id);
      const none = await ok(ENTRIES, { filter: { accountCode: '2200', from: '2026-03-01', to: '2026-03-01' } }, auditor);
      expect(none.journalEntries.items.map((e: { id: string }) => e.id)).not.toContain(entry.id);
    });

    it.each([
      [
        'UNBALANCED_ENTRY',
        [
          { accountCode: '6000', debit: '10.00' },
          { accountCode: '1000', credit: '9.99' },
        ],
      ],
      ['TOO_FEW_LINES', [{ accountCode: '6000', debit: '10.00' }]],
      [
        'LINE_HAS_DEBIT_AND_CREDIT',
        [
          { accountCode: '6000', debit: '10.00', credit: '10.00' },
          { accountCode: '1000', credit: '0' },
        ],
      ],
      [
        'NEGATIVE_AMOUNT',
        [
          { accountCode: '6000', debit: '-10.00' },
          { accountCode: '1000', debit: '10.00' },
        ],
      ],
      [
        'UNKNOWN_ACCOUNT',
        [
          { accountCode: '6000', debit: '10.00' },
          { accountCode: '9999', credit: '10.00' },
        ],
      ],
    ])('refuses with %s and stores nothing', async (code, lines) => {
      const before = (await ok(ENTRIES, {}, accountant)).journalEntries.total;
      const error = await refused(POST, { input: { date: '2026-03-02', memo: 'bad', lines } }, accountant);
      expect(error?.extensions.code).toBe(code);
      expect((await ok(ENTRIES, {}, accountant)).journalEntries.total).toBe(before);
    });

    it('refuses an amount with too many decimals, naming the field', async () => {
      const error = await refused(
        POST,
        {
          input: {
            date: '2026-03-02',
            memo: 'x',
            lines: [
              { accountCode: '6000', debit: '1.005' },
              { accountCode: '1000', credit: '1.005' },
            ],
          },
        },
        accountant,
      );
      expect(error).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
        message: expect.stringContaining('lines.0.debit: "1.005" has more than 2 decimal places'),
      });
    });

    it('reverses an entry once, with the mirror entry', async () => {
      const data = await ok(REVERSE, { id: entry.id, reason: 'Paid twice', date: '2026-03-05' }, admin);
      const reversal = data.reverseJournalEntry;
      expect(reversal).toMatchObject({
        date: '2026-03-05',
        reversalOf: entry.id,
        memo: 'Reversal of "March rent": Paid twice',
        lines: [
          { accountCode: '6000', debit: '0.00', credit: '1250.50' },
          { accountCode: '1000', debit: '1250.50', credit: '0.00' },
        ],
      });
      expect((await ok(ENTRY, { id: entry.id }, auditor)).journalEntry).toMatchObject({ reversedBy: reversal.id, reversalReason: 'Paid twice' });
      expect((await refused(REVERSE, { id: entry.id, reason: 'again' }, admin))?.extensions.code).toBe('ENTRY_ALREADY_REVERSED');
      const history = (await ok(HISTORY, { entity: 'journalEntry', id: entry.id }, auditor)).history;
      expect(history.map((e: { type: string }) => e.type)).toEqual(['JournalEntryPosted', 'JournalEntryReversed']);
    });

    it('opens and closes accounts; a closed account takes no postings', async () => {
      const opened = (await ok(OPEN, { input: { code: '6100', name: 'Rent', type: 'EXPENSE' } }, accountant)).openAccount;
      expect(opened).toMatchObject({ code: '6100', name: 'Rent', type: 'EXPENSE', open: true, balance: '0.00' });
      expect((await refused(OPEN, { input: { code: '6100', name: 'Rent again', type: 'EXPENSE' } }, accountant))?.extensions.code).toBe('ACCOUNT_CODE_TAKEN');
      expect((await ok(CLOSE, { code: '6100' }, accountant)).closeAccount).toEqual({ code: '6100', open: false });
      const error = await refused(
        POST,
        {
          input: {
            date: '2026-03-02',
            memo: 'rent',
            lines: [
              { accountCode: '6100', debit: '1' },
              { accountCode: '1000', credit: '1' },
            ],
          },
        },
        accountant,
      );
      expect(error?.extensions.code).toBe('ACCOUNT_CLOSED');
      expect((await refused(CLOSE, { code: '1100' }, accountant))?.extensions.code).toBe('CONTROL_ACCOUNT');
    });

    it('posts once for the same Idempotency-Key, with one answer', async () => {
      const headers = { ...accountant, 'idempotency-key': `post-${randomUUID()}` };
      const input = {
        date: '2026-03-04',
        memo: 'Petty cash',
        lines: [
          { accountCode: '6000', debit: '7.25' },
          { accountCode: '1000', credit: '7.25' },
        ],
      };
      const first = (await ok(POST, { input }, headers)).postJournalEntry;
      const second = (await ok(POST, { input }, headers)).postJournalEntry;
      expect(second).toEqual(first);
      const sameDay = await ok(ENTRIES, { filter: { from: '2026-03-04', to: '2026-03-04' } }, accountant);
      expect(sameDay.journalEntries.items.filter((e: { memo: string }) => e.memo === 'Petty cash')).toHaveLength(1);
    });

    it('keeps the trial balance balanced', async () => {
      const tb = (await ok(TRIAL, { asOf: '2026-12-31' }, auditor)).trialBalance;
      expect(tb.totalDebit).toBe(tb.totalCredit);
      expect(tb.lines.length).toBeGreaterThan(0);
    });
  });

  describe('roles and tenants', () => {
    it('lets only accountants and admins change the ledger; everyone reads it', async () => {
      const input = {
        date: '2026-03-02',
        memo: 'x',
        lines: [
          { accountCode: '6000', debit: '1' },
          { accountCode: '1000', credit: '1' },
        ],
      };
      for (const headers of [sales, auditor]) {
        expect((await refused(POST, { input }, headers))?.extensions.code).toBe('FORBIDDEN');
        expect((await refused(LOCK, { through: '2020-01-31' }, headers))?.extensions.code).toBe('FORBIDDEN');
        expect((await refused(OPEN, { input: { code: '7000', name: 'x', type: 'EXPENSE' } }, headers))?.extensions.code).toBe('FORBIDDEN');
        expect((await ok(TRIAL, { asOf: '2026-12-31' }, headers)).trialBalance.totalDebit).toBeDefined();
      }
    });

    it('never shows or reverses another tenant’s entry', async () => {
      const mine = (
        await ok(
          POST,
          {
            input: {
              date: '2026-03-03',
              memo: 'Acme only',
              lines: [
                { accountCode: '6000', debit: '5' },
                { accountCode: '1000', credit: '5' },
              ],
            },
          },
          accountant,
        )
      ).postJournalEntry;
      expect((await ok(ENTRY, { id: mine.id }, globex)).journalEntry).toBeNull();
      expect((await refused(REVERSE, { id: mine.id, reason: 'x' }, globex))?.extensions.code).toBe('NOT_FOUND');
      const theirs = await ok(ENTRIES, { filter: { from: '2026-03-03', to: '2026-03-03' } }, globex);
      expect(theirs.journalEntries.items.map((e: { id: string }) => e.id)).not.toContain(mine.id);
      expect((await refused(HISTORY, { entity: 'journalEntry', id: mine.id }, globex))?.extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('automatic postings from billing events', () => {
    const clientId = randomUUID();
    const invoiceA = randomUUID();
    const invoiceB = randomUUID();
    const meta = () => ({ tenantId: 'acme', actorId: 'test:billing', correlationId: randomUUID(), causationId: randomUUID() });
    const billing = (type: string, data: Record<string, unknown>): NewEvent => ({ id: randomUUID(), type, data, metadata: meta() });
    const appendTwice = async (invoiceId: string, event: NewEvent) => {
      await store.appendToStream(`invoice-${invoiceId}`, [event], { expectedRevision: 'any' });
      await store.appendToStream(`invoice-${invoiceId}`, [event], { expectedRevision: 'any' });
    };
    const bySource = async (sourceId: string) =>
      (await ok(ENTRIES, { perPage: 500 }, auditor)).journalEntries.items.filter((e: { sourceId: string }) => e.sourceId === sourceId);

    it('posts issue, payment, credit note and void once each, even when an event is delivered again', async () => {
      const before = await balances();
      const issuedA = billing('InvoiceIssued', {
        invoiceId: invoiceA,
        number: 'INV-2026-900001',
        orderId: randomUUID(),
        clientId,
        currency: 'USD',
        issuedOn: '2026-01-10',
        dueOn: '2026-02-09',
        net: 10000,
        tax: 2000,
        total: 12000,
      });
      await appendTwice(invoiceA, issuedA);
      await appendTwice(
        invoiceA,
        billing('PaymentRecorded', {
          invoiceId: invoiceA,
          paymentId: randomUUID(),
          clientId,
          currency: 'USD',
          amount: 5000,
          method: 'WIRE',
          reference: 'W-77',
          receivedOn: '2026-02-01',
        }),
      );
      const creditNoteId = randomUUID();
      await appendTwice(
        invoiceA,
        billing('CreditNoteIssued', {
          invoiceId: invoiceA,
          creditNoteId,
          clientId,
          currency: 'USD',
          amount: 1200,
          net: 1000,
          tax: 200,
          reason: 'Damaged',
          issuedOn: '2026-02-05',
        }),
      );
      // The same issue delivered again under another event id (another transport): still posted once.
      await store.appendToStream(`invoice-${invoiceA}`, [{ ...issuedA, id: randomUUID(), metadata: meta() }], { expectedRevision: 'any' });
      await appendTwice(
        invoiceB,
        billing('InvoiceIssued', {
          invoiceId: invoiceB,
          number: 'INV-2026-900002',
          orderId: randomUUID(),
          clientId,
          currency: 'USD',
          issuedOn: '2026-01-15',
          dueOn: '2026-02-14',
          net: 5000,
          tax: 1000,
          total: 6000,
        }),
      );
      await appendTwice(
        invoiceB,
        billing('InvoiceVoided', {
          invoiceId: invoiceB,
          clientId,
          currency: 'USD',
          net: 5000,
          tax: 1000,
          total: 6000,
          reason: 'Issued in error',
          voidedOn: '2026-01-20',
        }),
      );

      const voidEntries = await until(
        () => bySource(invoiceB),
        (entries) => entries.length === 2,
        'the void of invoice B',
      );
      const issueB = voidEntries.find((e: { sourceType: string }) => e.sourceType === 'InvoiceIssued');
      const reversalB = voidEntries.find((e: { sourceType: string }) => e.sourceType === 'InvoiceVoided');
      expect(reversalB).toMatchObject({ reversalOf: issueB.id, date: '2026-01-20', postedBy: 'system:ledger' });
      expect(issueB.reversedBy).toBe(reversalB.id);

      const issueA = await until(
        () => bySource(invoiceA),
        (entries) => entries.length === 1,
        'the issue of invoice A',
      );
      expect(issueA[0]).toMatchObject({
        date: '2026-01-10',
        memo: 'Invoice INV-2026-900001 issued',
        lines: [
          { accountCode: '1100', debit: '120.00', credit: '0.00' },
          { accountCode: '4000', debit: '0.00', credit: '100.00' },
          { accountCode: '2200', debit: '0.00', credit: '20.00' },
        ],
      });
      const credit = await until(
        () => bySource(creditNoteId),
        (entries) => entries.length === 1,
        'the credit note',
      );
      expect(credit[0].lines).toEqual([
        { accountCode: '4000', accountName: 'Sales Revenue', debit: '10.00', credit: '0.00' },
        { accountCode: '2200', accountName: 'Sales Tax Payable', debit: '2.00', credit: '0.00' },
        { accountCode: '1100', accountName: 'Accounts Receivable', debit: '0.00', credit: '12.00' },
      ]);

      const after = await until(
        () => balances(),
        (b) => cents(b['1000']) - cents(before['1000']) === 5000,
        'the payment',
      );
      const delta = (code: string) => cents(after[code]) - cents(before[code]);
      expect({ cash: delta('1000'), receivables: delta('1100'), tax: delta('2200'), revenue: delta('4000') }).toEqual({
        cash: 5000,
        receivables: 5800,
        tax: 1800,
        revenue: 9000,
      });
      const tb = (await ok(TRIAL, { asOf: '2026-12-31' }, auditor)).trialBalance;
      expect(tb.totalDebit).toBe(tb.totalCredit);
    });

    it('ages receivables per client as of a date', async () => {
      const line = async (asOf: string) => {
        const aging = (await ok(AGING, { asOf }, auditor)).arAging;
        return aging.lines.find((l: { clientId: string }) => l.clientId === clientId);
      };
      const early = await until(
        () => line('2026-01-31'),
        (l) => l !== undefined,
        'aging rows',
      );
      // Before its due date invoice A is current; B, voided on the 20th, is gone.
      expect(early).toMatchObject({ invoiceCount: 1, current: '120.00', days1to30: '0.00', total: '120.00' });
      expect(await line('2026-01-16')).toMatchObject({ invoiceCount: 2, current: '180.00' });
      expect(await line('2026-02-20')).toMatchObject({ days1to30: '58.00', total: '58.00' });
      expect(await line('2026-04-01')).toMatchObject({ current: '0.00', days31to60: '58.00', total: '58.00' });
      expect(await line('2026-06-01')).toMatchObject({ over90: '58.00' });
      expect(await line('2026-01-09')).toBeUndefined();
      const globexAging = (await ok(AGING, { asOf: '2026-04-01' }, globex)).arAging;
      expect(globexAging.lines.find((l: { clientId: string }) => l.clientId === clientId)).toBeUndefined();
    });
  });

  describe('disposable read models', () => {
    it('rebuilds the ledger and replays the billing postings without posting anything twice', async () => {
      const before = { entries: (await ok(ENTRIES, {}, auditor)).journalEntries.total, tb: (await ok(TRIAL, { asOf: '2026-12-31' }, auditor)).trialBalance };
      const aging = (await ok(AGING, { asOf: '2026-04-01' }, auditor)).arAging;
      for (const name of ['ledger.billing-postings', 'ledger.journal', 'ledger.ar_invoices'])
        expect((await ok(`mutation ($name: String!) { rebuildProjection(name: $name) { name } }`, { name }, t.operator)).rebuildProjection.name).toBe(name);
      const projections = t.app.get(ProjectionsService);
      await projections.waitFor(['ledger.billing-postings', 'ledger.journal', 'ledger.ar_invoices'], await store.headPosition(), 30_000);
      await projections.waitFor(['ledger.journal'], await store.headPosition(), 30_000);
      expect((await ok(ENTRIES, {}, auditor)).journalEntries.total).toBe(before.entries);
      expect((await ok(TRIAL, { asOf: '2026-12-31' }, auditor)).trialBalance).toEqual(before.tb);
      expect((await ok(AGING, { asOf: '2026-04-01' }, auditor)).arAging).toEqual(aging);
    });
  });

  describe('locked periods', () => {
    it('locks only forwards, refuses postings in the locked period, and moves automatic postings to the first open day', async () => {
      expect((await ok(LOCK, { through: '2025-06-30' }, accountant)).lockPeriod).toEqual({ lockedThrough: '2025-06-30' });
      expect((await refused(LOCK, { through: '2025-05-31' }, accountant))?.extensions.code).toBe('PERIOD_LOCK_BACKWARDS');
      expect((await refused(LOCK, { through: '2999-01-01' }, accountant))?.extensions.code).toBe('PERIOD_LOCK_IN_FUTURE');
      const input = {
        date: '2025-06-30',
        memo: 'late',
        lines: [
          { accountCode: '6000', debit: '1' },
          { accountCode: '1000', credit: '1' },
        ],
      };
      expect((await refused(POST, { input }, accountant))?.extensions.code).toBe('PERIOD_LOCKED');
      expect((await ok(POST, { input: { ...input, date: '2025-07-01' } }, accountant)).postJournalEntry.date).toBe('2025-07-01');

      const invoiceId = randomUUID();
      await store.appendToStream(
        `invoice-${invoiceId}`,
        [
          {
            id: randomUUID(),
            type: 'InvoiceIssued',
            data: {
              invoiceId,
              number: 'INV-2025-900003',
              orderId: randomUUID(),
              clientId: randomUUID(),
              currency: 'USD',
              issuedOn: '2025-03-01',
              dueOn: '2025-03-31',
              net: 1000,
              tax: 0,
              total: 1000,
            },
            metadata: { tenantId: 'acme', actorId: 'test:billing', correlationId: randomUUID(), causationId: randomUUID() },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      const [posted] = await until(
        async () => (await ok(ENTRIES, { perPage: 500 }, auditor)).journalEntries.items.filter((e: { sourceId: string }) => e.sourceId === invoiceId),
        (entries) => entries.length === 1,
        'the late invoice',
      );
      expect(posted.date).toBe('2025-07-01');
      expect(posted.memo).toContain('dated 2025-03-01, in the period locked through 2025-06-30');
      expect(posted.lines.map((l: { accountCode: string }) => l.accountCode)).toEqual(['1100', '4000']);
      // Globex's books are not locked.
      expect((await ok(`{ ledgerPeriod { lockedThrough } }`, {}, globex)).ledgerPeriod.lockedThrough).toBeNull();
    });
  });

  it("reports in the tenant's currency as identity knows it now: a currency changed before the first invoice shows at once", async () => {
    const provisioning = t.app.get(TenantProvisioning);
    const tenantId = `initech-${randomUUID().slice(0, 8)}`;
    await provisioning.ensureTenant({ id: tenantId, name: 'Initech', currency: 'USD' }, 'system:test');
    await provisioning.ensureUser(tenantId, { email: `admin@${tenantId}.test`, name: 'Bill', role: 'admin', password: 'demo' }, 'system:test');
    await provisioning.settled();
    const initech = await as(`admin@${tenantId}.test`);
    expect((await ok(TRIAL, { asOf: '2026-01-31' }, initech)).trialBalance).toMatchObject({ currency: 'USD', totalDebit: '0.00' });
    await ok(`mutation { updateTenantSettings(input: { currency: "JPY" }) { currency } }`, {}, initech);
    expect((await ok(TRIAL, { asOf: '2026-01-31' }, initech)).trialBalance).toMatchObject({ currency: 'JPY', totalDebit: '0' });
    expect((await ok(AGING, { asOf: '2026-01-31' }, initech)).arAging.currency).toBe('JPY');
  });

  it('answers BAD_USER_INPUT for a malformed date', async () => {
    expect((await refused(TRIAL, { asOf: '2026-02-30' }, auditor))?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await refused(POST, { input: { date: '03/01/2026', memo: 'x', lines: [] } }, accountant))?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
