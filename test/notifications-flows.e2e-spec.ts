import { randomUUID } from 'node:crypto';
import { InvoiceOverdueJob } from '../src/orders/application/invoice-overdue.job';
import { startTestApp, TestApp } from './support/app';
import { eventually, TestSmtpServer } from './support/smtp';
import { inbox, signIn, signInAgain, Staff, TestClock } from './support/notifications';

/**
 * The notifications of a working day, raised by the real commands through the published
 * integration events: the right people are told, by the right channel, and nobody else.
 */
describe('notifications from the business itself (real commands, integration events, SMTP)', () => {
  let t: TestApp;
  const smtp = new TestSmtpServer();
  const clock = new TestClock();
  let admin: Staff, sales: Staff, accountant: Staff, auditor: Staff, globexAdmin: Staff;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({ smtpUrl: smtp.url, mailFrom: 'annals@acme.example', publicUrl: 'https://annals.example', clock, notificationTickMs: 100 });
    [admin, sales, accountant, auditor, globexAdmin] = await Promise.all(
      ['admin@acme.test', 'sales@acme.test', 'accountant@acme.test', 'auditor@acme.test', 'admin@globex.test'].map((email) => signIn(t, email)),
    );
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const gql = async (who: Staff, query: string, variables: Record<string, unknown> = {}) => {
    const result = await t.graphql(query, variables, who.headers);
    if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
    return Object.values(result.data as Record<string, any>)[0];
  };
  const about = async (who: Staff, subjectId: string, type: string) => (await inbox(t, who)).items.filter((n) => n.subjectId === subjectId && n.type === type);
  const told = (who: Staff, subjectId: string, type: string) =>
    eventually(
      async () => {
        const found = await about(who, subjectId, type);
        return found.length > 0 ? found : undefined;
      },
      20_000,
      `${type} for ${who.email}`,
    );
  const mailsAbout = (id: string) => smtp.mails.filter((mail) => mail.text.includes(id));
  /** Everyone else of both tenants was told nothing about it. */
  const nobodyElse = async (subjectId: string, ...told: Staff[]) => {
    for (const other of [admin, sales, accountant, auditor, globexAdmin].filter((who) => !told.includes(who)))
      expect((await inbox(t, other)).items.filter((n) => n.subjectId === subjectId)).toEqual([]);
  };

  it('tells the new owner of a lead, in the app and by email, unless they took it themselves', async () => {
    const lead = await gql(admin, `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Ada Lovelace', email: `ada.${randomUUID().slice(0, 8)}@example.com`, company: 'Analytical Engines' },
    });
    await gql(admin, `mutation ($id: ID!, $o: ID!) { assignLeadOwner(id: $id, ownerId: $o) { id } }`, { id: lead.id, o: sales.userId });
    const [notification] = await told(sales, lead.id, 'lead.assigned');
    expect(notification).toMatchObject({
      title: 'Lead assigned to you: Ada Lovelace (Analytical Engines)',
      body: 'The lead Ada Lovelace (Analytical Engines) is now yours to follow up.',
      link: `/admin/#/leads/${lead.id}/show`,
      subjectType: 'LEAD',
    });
    const mail = await eventually(() => mailsAbout(lead.id)[0], 15_000, 'the email');
    expect(mail).toMatchObject({ to: ['sales@acme.test'], subject: 'Lead assigned to you: Ada Lovelace (Analytical Engines)', fromName: 'Acme Corporation' });
    await nobodyElse(lead.id, sales);

    // Taking a lead oneself tells nobody.
    const own = await gql(sales, `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Grace Hopper', email: `grace.${randomUUID().slice(0, 8)}@example.com` },
    });
    await gql(admin, `mutation ($id: ID!, $o: ID!) { assignLeadOwner(id: $id, ownerId: $o) { id } }`, { id: own.id, o: admin.userId });
    await gql(admin, `mutation ($id: ID!, $o: ID!) { assignLeadOwner(id: $id, ownerId: $o) { id } }`, { id: own.id, o: sales.userId });
    await told(sales, own.id, 'lead.assigned');
    expect(await about(admin, own.id, 'lead.assigned')).toEqual([]);
  });

  it("follows a client's quote, order and invoice: its owner hears of each, every accountant of the overdue invoice", async () => {
    const client = await gql(admin, `mutation ($input: RegisterClientInput!) { registerClient(input: $input) { id } }`, {
      input: { name: 'Analytical Engines', email: `billing.${randomUUID().slice(0, 8)}@engines.example` },
    });
    await gql(admin, `mutation ($id: ID!, $o: ID!) { assignClientOwner(id: $id, ownerId: $o) { id } }`, { id: client.id, o: sales.userId });
    expect((await told(sales, client.id, 'client.assigned'))[0]).toMatchObject({
      title: 'Client assigned to you: Analytical Engines',
      link: `/admin/#/clients/${client.id}/show`,
    });
    await eventually(() => mailsAbout(client.id).length === 1, 15_000, 'the assignment email');

    const product = await gql(admin, `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`, {
      input: { sku: `AE-${randomUUID().slice(0, 6)}`, name: 'Difference engine tuning', unitPrice: '799.99', taxRate: '20' },
    });
    const quote = async () => {
      const q = await gql(admin, `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id } }`, {
        input: { clientId: client.id, lines: [{ productId: product.id, description: 'Tuning', quantity: '2', unitPrice: '799.99', taxRate: '20' }] },
      });
      await gql(admin, `mutation ($id: ID!) { sendQuote(id: $id) { id } }`, { id: q.id });
      return q.id as string;
    };
    const lost = await quote();
    await gql(admin, `mutation ($id: ID!) { rejectQuote(id: $id, reason: "Too expensive") { id } }`, { id: lost });
    expect((await told(sales, lost, 'quote.rejected'))[0]).toMatchObject({
      title: 'Quote rejected for Analytical Engines',
      body: 'The quote for Analytical Engines (1,919.98 USD) was rejected: Too expensive.',
    });
    const won = await quote();
    await gql(admin, `mutation ($id: ID!) { acceptQuote(id: $id) { id } }`, { id: won });
    expect((await told(sales, won, 'quote.accepted'))[0].title).toBe('Quote accepted for Analytical Engines');

    const order = await gql(admin, `mutation ($q: ID!) { placeOrder(quoteId: $q) { id } }`, { q: won });
    await gql(admin, `mutation ($id: ID!) { failPayment(orderId: $id, reason: "Card declined") { id } }`, { id: order.id });
    expect((await told(sales, order.id, 'order.payment_failed'))[0]).toMatchObject({
      title: 'Payment failed for Analytical Engines',
      body: 'The payment of 1,919.98 USD for the order for Analytical Engines failed: Card declined.',
      link: `/admin/#/orders/${order.id}/show`,
    });
    await gql(admin, `mutation ($id: ID!) { authorizePayment(orderId: $id, reference: "AUTH-7") { id } }`, { id: order.id });
    await gql(admin, `mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "UPS", trackingNumber: "1Z1") { id } }`, { id: order.id });
    await gql(admin, `mutation ($id: ID!) { confirmDelivery(orderId: $id) { id } }`, { id: order.id });
    const invoice = await eventually(
      async () => (await gql(accountant, `{ invoices(perPage: 100) { items { id number orderId dueOn } } }`)).items.find((i: any) => i.orderId === order.id),
      15_000,
      'the invoice',
    );

    // Three days after its due date, the invoice falls overdue: every accountant is told, by email too.
    clock.set(new Date(Date.parse(`${invoice.dueOn}T12:00:00Z`) + 3 * 86_400_000));
    await signInAgain(t, admin, sales, accountant, auditor, globexAdmin);
    await t.app.get(InvoiceOverdueJob).detectOverdue();
    const [overdue] = await told(accountant, invoice.id, 'invoice.overdue');
    expect(overdue).toMatchObject({
      title: `Invoice ${invoice.number} is overdue`,
      body: `Invoice ${invoice.number} for Analytical Engines is 3 days overdue: 1,919.98 USD`,
      link: `/admin/#/invoices/${invoice.id}/show`,
    });
    const mail = await eventually(() => mailsAbout(invoice.id)[0], 15_000, 'the overdue email');
    expect(mail.to).toEqual(['accountant@acme.test']);
    await nobodyElse(invoice.id, accountant);
    clock.set(new Date());

    await gql(accountant, `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { invoiceId: invoice.id, amount: '1919.98', method: 'BANK_TRANSFER', reference: 'WIRE-7' },
    });
    expect((await told(sales, invoice.id, 'invoice.paid'))[0]).toMatchObject({
      body: `Invoice ${invoice.number} for Analytical Engines is paid in full: 1,919.98 USD.`,
    });
    // In-app only by default for the owner's quote, order and payment news: one email about the invoice, the accountant's.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsAbout(invoice.id)).toHaveLength(1);
    for (const id of [lost, won, order.id]) expect(mailsAbout(id)).toEqual([]);
  });
});
