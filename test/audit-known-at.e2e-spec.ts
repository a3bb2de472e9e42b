import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './support/app';

const POST = `mutation ($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { id } }`;
const REVERSE = `mutation ($id: ID!, $reason: String!, $date: String) { reverseJournalEntry(id: $id, reason: $reason, date: $date) { id reversedBy } }`;
const ENTRY_AT = `query ($id: ID!, $knownAt: DateTime) { journalEntry(id: $id, knownAt: $knownAt) { id date total reversedBy reversalReason lines { accountCode accountName debit credit } } }`;
const TRIAL_AT = `query ($asOf: String!, $knownAt: DateTime) { trialBalance(asOf: $asOf, knownAt: $knownAt) { asOf totalDebit totalCredit lines { accountCode debit credit } } }`;
const ACCOUNTS_AT = `query ($asOf: String, $knownAt: DateTime) { accounts(asOf: $asOf, knownAt: $knownAt, perPage: 100) { total items { code name open balance } } }`;
const ACCOUNT_AT = `query ($code: String!, $asOf: String, $knownAt: DateTime) { account(code: $code, asOf: $asOf, knownAt: $knownAt) { code open balance } }`;
const AGING_AT = `query ($asOf: String!, $knownAt: DateTime) { arAging(asOf: $asOf, knownAt: $knownAt) { totals { current days1to30 total } lines { clientId clientName invoiceCount total } } }`;
const OPEN = `mutation ($input: OpenAccountInput!) { openAccount(input: $input) { code } }`;
const CLOSE = `mutation ($code: String!) { closeAccount(code: $code) { code open } }`;
const CHANGES = `query ($entity: String!, $id: ID!) { changes(entity: $entity, id: $id) { revision type actor { kind email } fields { field before after } } }`;
const PRODUCT_AT = `query ($id: ID!, $knownAt: DateTime) { product(id: $id, knownAt: $knownAt) { id unitPrice active } }`;
const QUOTE_AT = `query ($id: ID!, $knownAt: DateTime) { quote(id: $id, knownAt: $knownAt) { id status total clientName } }`;
const ORDER_AT = `query ($id: ID!, $knownAt: DateTime) { order(id: $id, knownAt: $knownAt) { id status } }`;
const INVOICE_AT = `query ($id: ID!, $knownAt: DateTime) { invoice(id: $id, knownAt: $knownAt) { id status amountPaid balanceDue } }`;

const cents = (amount: string) => Math.round(Number(amount) * 100);

/**
 * "As known at" on the ledger and the quote-to-cash records, against the real app: the books as
 * they stood at a moment (transaction time) are not the books as they stand now once back-dated
 * postings arrive, and both answers are right.
 */
describe('Records and reports as known at a moment (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const ok = async (query: string, variables: Record<string, unknown>, role = 'auditor') => {
    const result = await t.graphql(query, variables, headers[role]);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const moment = async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    const now = new Date();
    await new Promise((resolve) => setTimeout(resolve, 30));
    return now.toISOString();
  };
  const until = async <T>(read: () => Promise<T | null | undefined>, what: string): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const net = (tb: { lines: { accountCode: string; debit: string; credit: string }[] }, code: string) => {
    const line = tb.lines.find((l) => l.accountCode === code);
    return line ? cents(line.debit) - cents(line.credit) : 0;
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['admin', 'sales', 'accountant', 'auditor']) headers[role] = { authorization: `Bearer ${await t.login(`${role}@acme.test`)}` };
    headers.globex = { authorization: `Bearer ${await t.login('auditor@globex.test')}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the March trial balance known on "April 5" differs from the one known today, after a back-dated posting', async () => {
    const start = await moment();
    const march = await ok(
      POST,
      {
        input: {
          date: '2026-03-10',
          memo: 'March rent',
          lines: [
            { accountCode: '6000', debit: '100' },
            { accountCode: '1000', credit: '100' },
          ],
        },
      },
      'accountant',
    );
    const april5 = await moment();
    // Late: posted after "April 5", dated back into March; and one in April, outside the March balance.
    await ok(
      POST,
      {
        input: {
          date: '2026-03-20',
          memo: 'Late March invoice',
          lines: [
            { accountCode: '6000', debit: '50' },
            { accountCode: '1000', credit: '50' },
          ],
        },
      },
      'accountant',
    );
    await ok(
      POST,
      {
        input: {
          date: '2026-04-02',
          memo: 'April',
          lines: [
            { accountCode: '6000', debit: '7' },
            { accountCode: '1000', credit: '7' },
          ],
        },
      },
      'accountant',
    );

    const trial = async (knownAt?: string) => (await ok(TRIAL_AT, { asOf: '2026-03-31', knownAt })).trialBalance;
    const [before, knownApril5, knownNow, now] = [await trial(start), await trial(april5), await trial(new Date().toISOString()), await trial()];
    expect(net(knownApril5, '6000') - net(before, '6000')).toBe(10000);
    expect(net(knownNow, '6000') - net(before, '6000')).toBe(15000);
    expect(net(knownNow, '1000') - net(knownApril5, '1000')).toBe(-5000);
    expect(knownNow).toEqual(now);
    expect(knownApril5.totalDebit).toBe(knownApril5.totalCredit);

    const balance = async (knownAt?: string) => (await ok(ACCOUNT_AT, { code: '6000', asOf: '2026-12-31', knownAt })).account.balance;
    expect(cents(await balance()) - cents(await balance(april5))).toBe(5700);
    const accounts = async (knownAt?: string) => (await ok(ACCOUNTS_AT, { asOf: '2026-03-31', knownAt })).accounts.items;
    expect(await accounts(new Date().toISOString())).toEqual(await accounts());

    // The entry itself: not there before it was posted, unreversed until its reversal was known.
    expect((await ok(ENTRY_AT, { id: march.postJournalEntry.id, knownAt: start })).journalEntry).toBeNull();
    const reversal = (await ok(REVERSE, { id: march.postJournalEntry.id, reason: 'Wrong month', date: '2026-04-01' }, 'accountant')).reverseJournalEntry;
    const unreversed = (await ok(ENTRY_AT, { id: march.postJournalEntry.id, knownAt: april5 })).journalEntry;
    expect(unreversed).toMatchObject({ date: '2026-03-10', total: '100.00', reversedBy: null });
    expect(unreversed.lines).toEqual([
      { accountCode: '6000', accountName: 'Operating Expenses', debit: '100.00', credit: '0.00' },
      { accountCode: '1000', accountName: 'Cash', debit: '0.00', credit: '100.00' },
    ]);
    const reversedNow = (await ok(ENTRY_AT, { id: march.postJournalEntry.id, knownAt: new Date().toISOString() })).journalEntry;
    expect(reversedNow).toEqual((await ok(ENTRY_AT, { id: march.postJournalEntry.id })).journalEntry);
    expect(reversedNow.reversedBy).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const mirror = reversedNow.reversedBy;
    expect((await ok(ENTRY_AT, { id: mirror, knownAt: april5 })).journalEntry).toBeNull();
    expect((await ok(ENTRY_AT, { id: mirror, knownAt: new Date().toISOString() })).journalEntry).toMatchObject({ date: '2026-04-01', total: '100.00' });
    expect(reversal.id).toBe(mirror);

    const entryChanges = (await ok(CHANGES, { entity: 'journalEntry', id: march.postJournalEntry.id })).changes;
    expect(entryChanges.map((c: { type: string }) => c.type)).toEqual(['JournalEntryPosted', 'JournalEntryReversed']);
    expect(entryChanges[1].fields).toEqual(expect.arrayContaining([{ field: 'reversedBy', before: null, after: mirror }]));

    // Another tenant's books at any moment are its own.
    expect((await ok(ENTRY_AT, { id: march.postJournalEntry.id, knownAt: new Date().toISOString() }, 'globex')).journalEntry).toBeNull();
  });

  it("an account's opening and closing as known at each moment", async () => {
    const code = String(7000 + Math.floor(Math.random() * 900));
    const before = await moment();
    await ok(OPEN, { input: { code, name: 'Travel', type: 'EXPENSE' } }, 'accountant');
    const opened = await moment();
    await ok(CLOSE, { code }, 'accountant');
    expect((await ok(ACCOUNT_AT, { code, knownAt: before })).account).toBeNull();
    expect((await ok(ACCOUNT_AT, { code, knownAt: opened })).account).toMatchObject({ open: true });
    expect((await ok(ACCOUNT_AT, { code })).account).toMatchObject({ open: false });
  });

  it('products, quotes, orders and invoices as known at each revision, and the fields each event changed', async () => {
    const gql = async (role: string, query: string, variables: Record<string, unknown>) => Object.values(await ok(query, variables, role))[0] as any;
    const product = await gql('sales', `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`, {
      input: { sku: `AU-${randomUUID().slice(0, 6)}`, name: 'Audit hour', unitPrice: '100.00', taxRate: '20' },
    });
    const created = await moment();
    await gql('sales', `mutation ($id: ID!) { changeProductPrice(id: $id, unitPrice: "120.00") { id } }`, { id: product.id });
    const repriced = await moment();
    await gql('admin', `mutation ($id: ID!) { deactivateProduct(id: $id) { id } }`, { id: product.id });
    expect(await gql('auditor', PRODUCT_AT, { id: product.id, knownAt: created })).toMatchObject({ unitPrice: '100.00', active: true });
    expect(await gql('auditor', PRODUCT_AT, { id: product.id, knownAt: repriced })).toMatchObject({ unitPrice: '120.00', active: true });
    expect(await gql('auditor', PRODUCT_AT, { id: product.id })).toMatchObject({ active: false });
    const productChanges = await gql('auditor', CHANGES, { entity: 'product', id: product.id });
    expect(productChanges[1].fields).toEqual([{ field: 'unitPrice', before: '100.00', after: '120.00' }]);
    expect(productChanges[2]).toMatchObject({ actor: { kind: 'user', email: 'admin@acme.test' }, fields: [{ field: 'active', before: true, after: false }] });

    const lead = await gql('sales', `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Katherine Johnson', email: `kj.${randomUUID().slice(0, 8)}@example.com` },
    });
    await gql('sales', `mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id });
    const client = await gql('sales', `mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.id });
    const quote = await gql('sales', `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id } }`, {
      input: { clientId: client.id, lines: [{ description: 'Orbit check', quantity: '1', unitPrice: '500.00', taxRate: '0' }] },
    });
    const drafted = await moment();
    await gql('sales', `mutation ($id: ID!) { sendQuote(id: $id) { id } }`, { id: quote.id });
    await gql('sales', `mutation ($id: ID!) { acceptQuote(id: $id) { id } }`, { id: quote.id });
    expect(await gql('auditor', QUOTE_AT, { id: quote.id, knownAt: drafted })).toMatchObject({
      status: 'DRAFT',
      total: '500.00',
      clientName: 'Katherine Johnson',
    });
    expect(await gql('auditor', QUOTE_AT, { id: quote.id })).toMatchObject({ status: 'ACCEPTED' });
    const quoteChanges = await gql('auditor', CHANGES, { entity: 'quote', id: quote.id });
    expect(quoteChanges.map((c: { fields: { field: string; after: unknown }[] }) => c.fields.find((f) => f.field === 'status')?.after)).toEqual([
      'DRAFT',
      'SENT',
      'ACCEPTED',
    ]);

    const order = await gql('sales', `mutation ($q: ID!) { placeOrder(quoteId: $q) { id } }`, { q: quote.id });
    const placed = await moment();
    await gql('sales', `mutation ($id: ID!) { authorizePayment(orderId: $id, reference: "AUTH-1") { id } }`, { id: order.id });
    await gql('sales', `mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "UPS", trackingNumber: "1Z1") { id } }`, { id: order.id });
    await gql('sales', `mutation ($id: ID!) { confirmDelivery(orderId: $id) { id } }`, { id: order.id });
    expect(await gql('auditor', ORDER_AT, { id: order.id, knownAt: placed })).toMatchObject({ status: 'PLACED' });
    const orderChanges = await gql('auditor', CHANGES, { entity: 'order', id: order.id });
    expect(orderChanges.length).toBeGreaterThanOrEqual(4);

    const invoice = await until(
      async () => (await gql('accountant', `query ($o: ID!) { invoices(filter: { orderId: $o }) { items { id } } }`, { o: order.id })).items[0],
      'the invoice',
    );
    const issued = await moment();
    const today = new Date().toISOString().slice(0, 10);
    const aging = async (knownAt?: string) => (await ok(AGING_AT, { asOf: today, knownAt })).arAging;
    const ours = (report: { lines: { clientId: string; total: string }[] }) => report.lines.find((line) => line.clientId === client.id);
    await until(async () => ours(await aging()), 'the receivable');
    await gql('accountant', `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { invoiceId: invoice.id, amount: '200.00', method: 'BANK_TRANSFER', reference: 'W-1' },
    });
    expect(await gql('auditor', INVOICE_AT, { id: invoice.id, knownAt: issued })).toMatchObject({ status: 'ISSUED', amountPaid: '0.00', balanceDue: '500.00' });
    expect(await gql('auditor', INVOICE_AT, { id: invoice.id })).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: '200.00', balanceDue: '300.00' });
    const invoiceChanges = await gql('auditor', CHANGES, { entity: 'invoice', id: invoice.id });
    expect(invoiceChanges.at(-1).fields).toEqual(expect.arrayContaining([{ field: 'amountPaid', before: '0.00', after: '200.00' }]));

    await until(async () => ours(await aging())?.total === '300.00', 'the payment in the aging');
    expect(ours(await aging(issued))).toMatchObject({ clientName: 'Katherine Johnson', invoiceCount: 1, total: '500.00' });
    expect(ours(await aging(placed))).toBeUndefined();
    expect(await aging(new Date().toISOString())).toEqual(await aging());
  });
});
