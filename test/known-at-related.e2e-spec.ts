import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './support/app';

const CLIENT_AT = `query ($id: ID!, $knownAt: DateTime) {
  client(id: $id, knownAt: $knownAt) { id name orderCount lifetimeRevenue openReceivables lastActivityAt activities { subject completed } }
}`;
const LEAD_AT = `query ($id: ID!, $knownAt: DateTime) { lead(id: $id, knownAt: $knownAt) { id status activities { subject } } }`;
const ORDER_AT = `query ($id: ID!, $knownAt: DateTime) { order(id: $id, knownAt: $knownAt) { id status clientName } }`;
const QUOTE_AT = `query ($id: ID!, $knownAt: DateTime) { quote(id: $id, knownAt: $knownAt) { id status clientName } }`;
const AGING_AT = `query ($asOf: String!, $knownAt: DateTime) { arAging(asOf: $asOf, knownAt: $knownAt) { lines { clientId clientName total } } }`;
const CHANGES = `query ($entity: String!, $id: ID!) { changes(entity: $entity, id: $id) { revision type fields { field before after } } }`;
const LOG = `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id } }`;
const COMPLETE = `mutation ($id: ID!) { completeTask(id: $id) { id completed } }`;

type Change = { revision: number; type: string; fields: { field: string; before: unknown; after: unknown }[] };

/**
 * "As known at" for the fields a record does not hold itself: the names of related records, a
 * client's figures (orders, revenue, receivables) and its activity timeline, as they were at the
 * moment, folded from the log; and `changes` that does not take a related record's change for the
 * record's own.
 */
describe('What other records contribute to a record, as known at a moment (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const gql = async (role: string, query: string, variables: Record<string, unknown>) => {
    const result = await t.graphql(query, variables, headers[role]);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data as Record<string, unknown>)[0] as any;
  };
  /** A moment strictly between what was recorded before and what is recorded after. */
  const moment = async () => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    const now = new Date();
    await new Promise((resolve) => setTimeout(resolve, 30));
    return now.toISOString();
  };
  const until = async <T>(read: () => Promise<T | null | undefined | false>, what: string): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['admin', 'sales', 'accountant', 'auditor']) headers[role] = { authorization: `Bearer ${await t.login(`${role}@acme.test`)}` };
    headers.globex = { authorization: `Bearer ${await t.login('auditor@globex.test')}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a client's figures, activities and name, and its name on its quote, order and receivables, as they were at each moment", async () => {
    const client = await gql('sales', `mutation ($input: RegisterClientInput!) { registerClient(input: $input) { id } }`, {
      input: { name: 'Grace Hopper', email: `grace.${randomUUID().slice(0, 8)}@example.com` },
    });
    const intro = await gql('sales', LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'TASK', subject: 'Intro call' } });
    const beforeOrder = await moment();

    const quote = await gql('sales', `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id } }`, {
      input: { clientId: client.id, lines: [{ description: 'Compiler review', quantity: '1', unitPrice: '500.00', taxRate: '0' }] },
    });
    await gql('sales', `mutation ($id: ID!) { sendQuote(id: $id) { id } }`, { id: quote.id });
    await gql('sales', `mutation ($id: ID!) { acceptQuote(id: $id) { id } }`, { id: quote.id });
    const order = await gql('sales', `mutation ($q: ID!) { placeOrder(quoteId: $q) { id } }`, { q: quote.id });
    const placed = await moment();

    await gql('sales', `mutation ($id: ID!) { authorizePayment(orderId: $id, reference: "AUTH-7") { id } }`, { id: order.id });
    await gql('sales', `mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "DHL", trackingNumber: "JD1") { id } }`, { id: order.id });
    await gql('sales', `mutation ($id: ID!) { confirmDelivery(orderId: $id) { id } }`, { id: order.id });
    const invoice = await until(
      async () => (await gql('accountant', `query ($o: ID!) { invoices(filter: { orderId: $o }) { items { id } } }`, { o: order.id })).items[0],
      'the invoice',
    );
    const invoiced = await moment();

    await gql('sales', `mutation ($id: ID!, $input: UpdateClientDetailsInput!) { updateClientDetails(id: $id, input: $input) { id } }`, {
      id: client.id,
      input: { name: 'Grace Brewster Hopper' },
    });
    await gql('sales', LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'NOTE', subject: 'Renamed on request' } });
    await gql('sales', COMPLETE, { id: intro.id });
    const renamed = await moment();

    await gql('accountant', `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { invoiceId: invoice.id, amount: '200.00', method: 'BANK_TRANSFER', reference: 'W-7' },
    });
    const today = await until(async () => {
      const now = await gql('auditor', CLIENT_AT, { id: client.id });
      return now.openReceivables === '300.00' && now;
    }, 'the payment in the client summary');

    // Each moment's figures are what they were then, not today's.
    const at = (knownAt: string) => gql('auditor', CLIENT_AT, { id: client.id, knownAt });
    expect(await at(beforeOrder)).toMatchObject({
      name: 'Grace Hopper',
      orderCount: 0,
      lifetimeRevenue: '0.00',
      openReceivables: '0.00',
      activities: [{ subject: 'Intro call', completed: false }],
    });
    expect(await at(placed)).toMatchObject({ orderCount: 1, lifetimeRevenue: '0.00', openReceivables: '0.00' });
    const whenInvoiced = await at(invoiced);
    expect(whenInvoiced).toMatchObject({ name: 'Grace Hopper', orderCount: 1, lifetimeRevenue: '500.00', openReceivables: '500.00' });
    const whenRenamed = await at(renamed);
    expect(whenRenamed).toMatchObject({
      name: 'Grace Brewster Hopper',
      openReceivables: '500.00',
      activities: [
        { subject: 'Renamed on request', completed: false },
        { subject: 'Intro call', completed: true },
      ],
    });
    expect(new Date(whenRenamed.lastActivityAt).getTime()).toBeGreaterThan(new Date(whenInvoiced.lastActivityAt).getTime());
    expect(new Date(whenInvoiced.lastActivityAt).getTime()).toBeLessThanOrEqual(new Date(beforeOrder).getTime());
    expect(today).toMatchObject({ orderCount: 1, lifetimeRevenue: '500.00', openReceivables: '300.00' });
    // Known "now", the log folded gives what the read models hold.
    expect(await at(new Date().toISOString())).toEqual(today);

    // The client's name on its quote and order: the one it had at the moment.
    expect(await gql('auditor', ORDER_AT, { id: order.id, knownAt: invoiced })).toMatchObject({ clientName: 'Grace Hopper' });
    expect(await gql('auditor', ORDER_AT, { id: order.id, knownAt: renamed })).toMatchObject({ clientName: 'Grace Brewster Hopper' });
    expect(await gql('auditor', ORDER_AT, { id: order.id })).toMatchObject({ clientName: 'Grace Brewster Hopper' });
    expect(await gql('auditor', QUOTE_AT, { id: quote.id, knownAt: placed })).toMatchObject({ status: 'ACCEPTED', clientName: 'Grace Hopper' });

    // And in the receivables report as the books stood.
    const asOf = new Date().toISOString().slice(0, 10);
    const ours = async (knownAt?: string) =>
      (await gql('auditor', AGING_AT, { asOf, knownAt })).lines.find((line: { clientId: string }) => line.clientId === client.id);
    expect(await ours(invoiced)).toMatchObject({ clientName: 'Grace Hopper', total: '500.00' });
    expect(await ours(renamed)).toMatchObject({ clientName: 'Grace Brewster Hopper', total: '500.00' });

    // The rename is the client's change, not the order's: the order's changes name its client as
    // it was when the order was placed, and no later event of the order changes clientName.
    const orderChanges: Change[] = await gql('auditor', CHANGES, { entity: 'order', id: order.id });
    expect(orderChanges[0].fields).toEqual(expect.arrayContaining([{ field: 'clientName', before: null, after: 'Grace Hopper' }]));
    expect(orderChanges.slice(1).flatMap((change) => change.fields.map((field) => field.field))).not.toContain('clientName');
    expect(orderChanges[0].type).toBe('OrderPlaced');
    expect(orderChanges.length).toBeGreaterThanOrEqual(4);
    const clientChanges: Change[] = await gql('auditor', CHANGES, { entity: 'client', id: client.id });
    expect(clientChanges.at(-1)).toMatchObject({ fields: [{ field: 'name', before: 'Grace Hopper', after: 'Grace Brewster Hopper' }] });

    // Another tenant sees none of it, at any moment.
    const result = await t.graphql(CLIENT_AT, { id: client.id, knownAt: renamed }, headers.globex);
    expect(result.errors).toBeUndefined();
    expect((result.data as { client: unknown }).client).toBeNull();
  });

  it("a lead's activities as known at a moment", async () => {
    const lead = await gql('sales', `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Mary Jackson', email: `mj.${randomUUID().slice(0, 8)}@example.com` },
    });
    const captured = await moment();
    await gql('sales', LOG, { input: { subjectType: 'LEAD', subjectId: lead.id, kind: 'CALL', subject: 'First call' } });
    const called = await moment();
    await gql('sales', `mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id });
    expect(await gql('auditor', LEAD_AT, { id: lead.id, knownAt: captured })).toEqual({ id: lead.id, status: 'NEW', activities: [] });
    expect(await gql('auditor', LEAD_AT, { id: lead.id, knownAt: called })).toEqual({ id: lead.id, status: 'NEW', activities: [{ subject: 'First call' }] });
    expect(await gql('auditor', LEAD_AT, { id: lead.id })).toEqual({ id: lead.id, status: 'QUALIFIED', activities: [{ subject: 'First call' }] });
  });
});
