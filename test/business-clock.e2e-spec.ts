import { randomUUID } from 'node:crypto';
import { QuoteExpiryJob } from '../src/orders/application/quote-expiry.job';
import { startTestApp, TestApp } from './support/app';
import { TestClock } from './support/notifications';

const DAY = 86_400_000;
const dateOf = (at: Date) => at.toISOString().slice(0, 10);
const plusDays = (date: string, days: number) => dateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY));

const until = async <T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const QUOTE = `query ($id: ID!) { quote(id: $id) { id status validUntil sentOn acceptedOn allowedCommands } }`;
const INVOICE = `query ($id: ID!) { invoice(id: $id) { id issuedOn dueOn overdue status } }`;

/**
 * Business time is the app's CLOCK, everywhere: the commands' today, the quote-expiry job and the
 * invoices' "overdue" agree with a clock the test moves 40 days on, although the system clock has
 * not moved. (The log's recordedAt stays on the system clock: it is transaction time.)
 */
describe('one clock for business time: commands, jobs and queries read CLOCK (real app)', () => {
  let t: TestApp;
  const clock = new TestClock();
  const as: Record<string, Record<string, string>> = {};

  /** Sessions expire by the app's clock too: sign in again whenever the test moves it. */
  const moveClock = async (to: Date) => {
    clock.set(to);
    for (const role of ['sales', 'accountant', 'admin']) as[role] = { authorization: `Bearer ${await t.login(`${role}@acme.test`)}` };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await moveClock(new Date());
  });
  afterAll(() => t?.close());

  const run = (role: string, query: string, variables: Record<string, unknown> = {}) => t.graphql(query, variables, as[role]);
  const gql = async (role: string, query: string, variables: Record<string, unknown> = {}) => {
    const result = await run(role, query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data as Record<string, any>)[0];
  };
  const quoteOf = (id: string) => gql('sales', QUOTE, { id });

  let clientId: string;
  let productId: string;
  const draft = async (validUntil: string) =>
    gql('sales', `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id validUntil } }`, {
      input: { clientId, validUntil, lines: [{ productId, description: 'Wind tunnel hour', quantity: '1', unitPrice: '250.00', taxRate: '20' }] },
    });

  it('a quote valid 30 days expires through the job once the clock is 40 days on, and commands refuse it by that clock', async () => {
    const lead = await gql('sales', `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Dorothy Vaughan', email: `dorothy.${randomUUID().slice(0, 8)}@example.com`, company: 'Langley' },
    });
    await gql('sales', `mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id });
    clientId = (await gql('sales', `mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.id })).id;
    productId = (
      await gql('sales', `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`, {
        input: { sku: `WT-${randomUUID().slice(0, 6)}`, name: 'Wind tunnel hour', unitPrice: '250.00', taxRate: '20' },
      })
    ).id;

    const drafted = dateOf(clock.now());
    const quote = await draft(plusDays(drafted, 30));
    expect((await quoteOf(quote.id)).allowedCommands).toContain('sendQuote');

    await moveClock(new Date(Date.now() + 40 * DAY));
    // The decider judges with the clock's today: past validUntil, so neither offered nor accepted.
    expect((await quoteOf(quote.id)).allowedCommands).not.toContain('sendQuote');
    const refused = await run('sales', `mutation ($id: ID!) { sendQuote(id: $id) { id } }`, { id: quote.id });
    expect(refused.errors?.[0].extensions.code).toBe('QUOTE_EXPIRED');
    // A validUntil that the system clock still calls future is in the past by the business clock.
    const late = await run('sales', `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id } }`, {
      input: { clientId, validUntil: plusDays(drafted, 35), lines: [{ description: 'Set-up', quantity: '1', unitPrice: '80.00', taxRate: '0' }] },
    });
    expect(late.errors?.[0].extensions.code).toBe('VALID_UNTIL_IN_PAST');

    // The job's own timer may run first: whichever run expires it, it judges by the clock (by the system's date
    // the quote has 30 days left).
    await t.app.get(QuoteExpiryJob).expireNow();
    await until(async () => (await quoteOf(quote.id)).status === 'EXPIRED', 'the quote to show EXPIRED');
  });

  it('an order delivered on the clock`s day is invoiced that day, due after the payment terms, and falls overdue by the clock', async () => {
    const today = dateOf(clock.now());
    expect(today > dateOf(new Date())).toBe(true); // the clock is still 40 days ahead of the system
    await gql('admin', `mutation { updateTenantSettings(input: { paymentTermsDays: 14 }) { paymentTermsDays } }`);

    const quote = await draft(plusDays(today, 10));
    await gql('sales', `mutation ($id: ID!) { sendQuote(id: $id) { id } }`, { id: quote.id });
    await gql('sales', `mutation ($id: ID!) { acceptQuote(id: $id) { id } }`, { id: quote.id });
    expect(await quoteOf(quote.id)).toMatchObject({ status: 'ACCEPTED', sentOn: today, acceptedOn: today });
    const order = await gql('sales', `mutation ($q: ID!) { placeOrder(quoteId: $q) { id placedOn } }`, { q: quote.id });
    expect(order.placedOn).toBe(today);
    await gql('sales', `mutation ($id: ID!) { authorizePayment(orderId: $id, reference: "AUTH-7") { id } }`, { id: order.id });
    await gql('sales', `mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "UPS", trackingNumber: "1Z7") { id } }`, { id: order.id });
    expect((await gql('sales', `mutation ($id: ID!) { confirmDelivery(orderId: $id) { id deliveredOn } }`, { id: order.id })).deliveredOn).toBe(today);

    const found = await until(async () => {
      const list = await gql('accountant', `query ($o: ID!) { invoices(filter: { orderId: $o }) { items { id } } }`, { o: order.id });
      return list.items[0];
    }, 'the invoice issued on delivery');
    const dueOn = plusDays(today, 14);
    expect(await gql('accountant', INVOICE, { id: found.id })).toMatchObject({ issuedOn: today, dueOn, overdue: false, status: 'ISSUED' });
    const sent = await gql('accountant', `mutation ($id: ID!) { sendInvoice(id: $id) { id sentOn } }`, { id: found.id });
    expect(sent.sentOn).toBe(today);

    // A day past its due date by the clock: the queries' today is the clock's, before any job has run.
    await moveClock(new Date(Date.parse(`${dueOn}T12:00:00Z`) + DAY));
    expect(await gql('accountant', INVOICE, { id: found.id })).toMatchObject({ dueOn, overdue: true });
    const overdue = await gql('accountant', `query { invoices(filter: { overdue: true }, perPage: 500) { items { id } } }`);
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(found.id);
    // A payment received "today" is the clock's today, and may not be later.
    const paid = await gql('accountant', `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { status payments { receivedOn } } }`, {
      input: { invoiceId: found.id, amount: '300.00', method: 'BANK_TRANSFER', reference: 'WIRE-7' },
    });
    expect(paid).toEqual({ status: 'PAID', payments: [{ receivedOn: dateOf(clock.now()) }] });
  });
});
