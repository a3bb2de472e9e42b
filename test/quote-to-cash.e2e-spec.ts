import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './support/app';

const until = async <T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const cents = (amount: string) => Math.round(Number(amount) * 100);

/**
 * The day staff live through, end to end on the real app: a lead becomes a client, a quote
 * becomes an order, delivery issues the invoice, payments settle it, the order closes, and the
 * books follow by themselves.
 */
describe('quote to cash: a lead walked to a paid invoice, with the books kept (real app)', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['sales', 'accountant']) headers[role] = { authorization: `Bearer ${await t.login(`${role}@acme.test`)}` };
  });
  afterAll(() => t?.close());

  const gql = async (role: string, query: string, variables: Record<string, unknown> = {}) => {
    const result = await t.graphql(query, variables, headers[role]);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data as Record<string, any>)[0];
  };
  const trialBalance = (asOf: string) =>
    gql('accountant', `query ($asOf: String!) { trialBalance(asOf: $asOf) { totalDebit totalCredit lines { accountCode debit credit } } }`, { asOf });
  const net = (tb: { lines: { accountCode: string; debit: string; credit: string }[] }, code: string) => {
    const line = tb.lines.find((l) => l.accountCode === code);
    return line ? cents(line.debit) - cents(line.credit) : 0;
  };

  it('ends with the order CLOSED, the invoice PAID, each posting made once, and a balanced trial balance', async () => {
    const today = new Date().toISOString().slice(0, 10);
    // The demo data settles in the background (its paid invoice posts to Cash last): start from there.
    const before = await until(async () => {
      const tb = await trialBalance(today);
      return net(tb, '1000') > 0 ? tb : null;
    }, 'the demo data to reach the ledger');

    const lead = await gql('sales', `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Mary Jackson', email: `mary.${randomUUID().slice(0, 8)}@example.com`, company: 'Langley' },
    });
    await gql('sales', `mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id });
    const client = await gql('sales', `mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.id });
    const product = await gql('sales', `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`, {
      input: { sku: `WT-${randomUUID().slice(0, 6)}`, name: 'Wind tunnel hour', unitPrice: '250.00', taxRate: '20' },
    });
    const quote = await gql('sales', `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id net tax total } }`, {
      input: {
        clientId: client.id,
        lines: [
          { productId: product.id, description: 'Wind tunnel hour', quantity: '2', unitPrice: '250.00', taxRate: '20' },
          { description: 'Set-up (free text)', quantity: '1', unitPrice: '80.00', taxRate: '0' },
        ],
      },
    });
    expect([quote.net, quote.tax, quote.total]).toEqual(['580.00', '100.00', '680.00']);
    await gql('sales', `mutation ($id: ID!) { sendQuote(id: $id) { id } }`, { id: quote.id });
    await gql('sales', `mutation ($id: ID!) { acceptQuote(id: $id) { id } }`, { id: quote.id });
    const order = await gql('sales', `mutation ($q: ID!) { placeOrder(quoteId: $q) { id status total } }`, { q: quote.id });
    await gql('sales', `mutation ($id: ID!) { authorizePayment(orderId: $id, reference: "AUTH-42") { id } }`, { id: order.id });
    await gql('sales', `mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "UPS", trackingNumber: "1Z999") { id } }`, { id: order.id });
    await gql('sales', `mutation ($id: ID!) { confirmDelivery(orderId: $id) { id } }`, { id: order.id });

    const invoice = await until(async () => {
      const list = await gql('accountant', `query ($o: ID!) { invoices(filter: { orderId: $o }) { items { id number total status } } }`, { o: order.id });
      return list.items[0];
    }, 'the invoice issued on delivery');
    expect(invoice).toMatchObject({ total: '680.00', status: 'ISSUED', number: expect.stringMatching(/^INV-\d{4}-\d{6}$/) });

    const pay = (amount: string, reference: string) =>
      gql('accountant', `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { status balanceDue } }`, {
        input: { invoiceId: invoice.id, amount, method: 'BANK_TRANSFER', reference },
      });
    expect(await pay('180.00', 'WIRE-1')).toEqual({ status: 'PARTIALLY_PAID', balanceDue: '500.00' });
    expect(await pay('500.00', 'WIRE-2')).toEqual({ status: 'PAID', balanceDue: '0.00' });

    const orderStatus = async () => (await gql('sales', `query ($id: ID!) { order(id: $id) { status } }`, { id: order.id })).status;
    await until(async () => (await orderStatus()) === 'CLOSED', 'the order to close once paid');

    // The ledger posted: the invoice (Dr 1100 680, Cr 4000 580, Cr 2200 100) and each payment (Dr 1000, Cr 1100).
    const after = await until(async () => {
      const tb = await trialBalance(today);
      return net(tb, '1000') - net(before, '1000') === 68000 ? tb : null;
    }, 'the payments to reach the ledger');
    expect(net(after, '1000') - net(before, '1000')).toBe(68000);
    expect(net(after, '1100') - net(before, '1100')).toBe(0);
    expect(net(after, '4000') - net(before, '4000')).toBe(-58000);
    expect(net(after, '2200') - net(before, '2200')).toBe(-10000);
    expect(after.totalDebit).toBe(after.totalCredit);

    const receivables = await gql(
      'accountant',
      `query { journalEntries(filter: { accountCode: "1100" }, perPage: 500) { items { sourceType sourceId lines { accountCode debit credit } } } }`,
    );
    const ours = receivables.items.filter((e: { sourceId: string }) => e.sourceId === invoice.id);
    expect(ours).toHaveLength(1); // the invoice posted once, however often its event was delivered
    expect(ours[0].sourceType).toBe('InvoiceIssued');
  });
});
