import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { UserDirectory } from '../src/identity/public/user-directory';
import { asyncApiDocument } from '../src/integration/asyncapi';
import { integrationCatalogue, integrationEventFilter, toIntegrationEvent } from '../src/integration/integration-catalogue';
import { translatedLog } from '../src/integration/integration-translator';
import { EVENT_STORE, EventStore } from '../src/shared/event-store/event-store.port';
import { IntegrationEventSource, IntegrationSubscription } from '../src/integration/integration-event-source';
import { INTEGRATION_EVENT_SOURCE } from '../src/integration/integration.module';
import { InvoiceOverdueJob } from '../src/orders/application/invoice-overdue.job';
import { QuoteExpiryJob } from '../src/orders/application/quote-expiry.job';
import { CloudEvent } from '../src/shared/integration/integration-event';
import { startTestApp, TestApp } from './support/app';

const until = async <T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, timeoutMs = 60_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const DAY = 86_400_000;
const dayAfter = (date: string, days = 1) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY);

/**
 * Every context's integration events, out of the one IntegrationEventSource consumers use, for a
 * quote-to-cash life driven through the API of the real app; and invoices falling overdue as a
 * clock the test controls moves.
 */
describe('integration events of every context, from the API to IntegrationEventSource (real app)', () => {
  let t: TestApp;
  let now = new Date();
  const clock = { now: () => now };
  const received: CloudEvent[] = [];
  let subscription: IntegrationSubscription;
  let admin: Record<string, string>;
  let sales: Record<string, string>;

  /** Sessions expire by the app's clock: sign in again whenever the test moves it. */
  const signIn = async () => {
    admin = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
    sales = { authorization: `Bearer ${await t.login('sales@acme.test')}` };
  };
  const moveClock = async (to: Date) => {
    now = to;
    await signIn();
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await signIn();
    const source = t.app.get<IntegrationEventSource>(INTEGRATION_EVENT_SOURCE);
    subscription = await source.subscribe(`e2e-${randomUUID()}`, async (events) => {
      received.push(...events);
    });
  }, 120_000);
  afterAll(async () => {
    await subscription?.stop();
    await t?.close();
  });

  const gql = async (headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) => {
    const result = await t.graphql(query, variables, headers);
    if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
    return Object.values(result.data as Record<string, any>)[0];
  };
  const about = (subject: string) => received.filter((event) => event.subject === subject);
  const arrived = (subject: string, type: string) => until(() => about(subject).find((event) => event.type === type), `${type} for ${subject}`);

  /** A quote for the client, drafted and sent; accepted when asked. */
  const quote = async (clientId: string, productId: string, validUntil: string | null = null) => {
    const q = await gql(sales, `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id } }`, {
      input: { clientId, validUntil, lines: [{ productId, description: 'Wind tunnel hour', quantity: '2', unitPrice: '250.00', taxRate: '20' }] },
    });
    return q.id as string;
  };
  const send = (id: string) => gql(sales, `mutation ($id: ID!) { sendQuote(id: $id) { id } }`, { id });
  const accept = (id: string) => gql(sales, `mutation ($id: ID!) { acceptQuote(id: $id) { id } }`, { id });
  const placeAndDeliver = async (quoteId: string, { failFirst = false } = {}) => {
    const order = await gql(sales, `mutation ($q: ID!) { placeOrder(quoteId: $q) { id } }`, { q: quoteId });
    if (failFirst) await gql(sales, `mutation ($id: ID!) { failPayment(orderId: $id, reason: "Card declined") { id } }`, { id: order.id });
    await gql(sales, `mutation ($id: ID!) { authorizePayment(orderId: $id, reference: "AUTH-42") { id } }`, { id: order.id });
    await gql(sales, `mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "UPS", trackingNumber: "1Z999") { id } }`, { id: order.id });
    await gql(sales, `mutation ($id: ID!) { confirmDelivery(orderId: $id) { id } }`, { id: order.id });
    const issued = await until(
      () => received.find((e) => e.type === 'billing.invoice.issued.v1' && (e.data as any).orderId === order.id),
      'the invoice issued',
    );
    return { orderId: order.id as string, invoiceId: issued.subject, invoice: issued.data as any };
  };

  it('serves the AsyncAPI document at /asyncapi.json without a token', async () => {
    const response = await fetch(`${t.url}/asyncapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual(asyncApiDocument());
  });

  it('publishes every catalogue type for a quote-to-cash life, with the tenant, the subject and what a receiver needs', async () => {
    const users = t.app.get(UserDirectory);
    const salesUser = (await users.withRoles('acme', ['sales']))[0];
    const adminUser = (await users.withRoles('acme', ['admin']))[0];

    const lead = await gql(sales, `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Mary Jackson', email: `mary.${randomUUID().slice(0, 8)}@example.com`, company: 'Langley', phone: '+1 757 000 0000' },
    });
    await gql(sales, `mutation ($id: ID!, $o: ID!) { assignLeadOwner(id: $id, ownerId: $o) { id } }`, { id: lead.id, o: adminUser.id });
    await gql(sales, `mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id });
    const client = await gql(sales, `mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.id });
    // The client comes with the lead's owner; it is handed back to the sales user.
    await gql(sales, `mutation ($id: ID!, $o: ID!) { assignClientOwner(id: $id, ownerId: $o) { id } }`, { id: client.id, o: salesUser.id });
    const other = await gql(sales, `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Dorothy Vaughan', email: `dorothy.${randomUUID().slice(0, 8)}@example.com` },
    });
    await gql(sales, `mutation ($id: ID!) { disqualifyLead(id: $id, reason: "No budget") { id } }`, { id: other.id });
    const task = await gql(sales, `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id } }`, {
      input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'TASK', subject: 'Call about the renewal', notes: 'private', dueOn: '2030-01-15' },
    });
    await gql(sales, `mutation ($id: ID!) { completeTask(id: $id) { id } }`, { id: task.id });

    const product = await gql(sales, `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`, {
      input: { sku: `WT-${randomUUID().slice(0, 6)}`, name: 'Wind tunnel hour', unitPrice: '240.00', taxRate: '20' },
    });
    await gql(sales, `mutation ($id: ID!) { changeProductPrice(id: $id, unitPrice: "250.00") { id } }`, { id: product.id });

    // The quote that becomes the paid invoice; one rejected; one expired; one whose order is cancelled; one whose invoice is voided.
    const won = await quote(client.id, product.id);
    await send(won);
    await accept(won);
    const rejected = await quote(client.id, product.id);
    await send(rejected);
    await gql(sales, `mutation ($id: ID!) { rejectQuote(id: $id, reason: "Too expensive") { id } }`, { id: rejected });
    const today = new Date().toISOString().slice(0, 10);
    const lapsed = await quote(client.id, product.id, today);
    await send(lapsed);
    await t.app.get(QuoteExpiryJob).expireDue(dayAfter(today).toISOString().slice(0, 10));
    const dropped = await quote(client.id, product.id);
    await send(dropped);
    await accept(dropped);
    const cancelled = await gql(sales, `mutation ($q: ID!) { placeOrder(quoteId: $q) { id } }`, { q: dropped });
    await gql(sales, `mutation ($id: ID!) { cancelOrder(orderId: $id, reason: "Changed their mind") { id } }`, { id: cancelled.id });

    const paid = await placeAndDeliver(won, { failFirst: true });
    await gql(admin, `mutation ($id: ID!) { sendInvoice(id: $id) { id } }`, { id: paid.invoiceId });
    await gql(admin, `mutation ($input: IssueCreditNoteInput!) { issueCreditNote(input: $input) { id } }`, {
      input: { invoiceId: paid.invoiceId, amount: '60.00', reason: 'Late delivery' },
    });
    await gql(admin, `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { invoiceId: paid.invoiceId, amount: '540.00', method: 'BANK_TRANSFER', reference: 'WIRE-1' },
    });
    const voidedQuote = await quote(client.id, product.id);
    await send(voidedQuote);
    await accept(voidedQuote);
    const voided = await placeAndDeliver(voidedQuote);
    await gql(admin, `mutation ($id: ID!) { voidInvoice(id: $id, reason: "Issued in error") { id } }`, { id: voided.invoiceId });
    await gql(admin, `mutation { lockPeriod(through: "2020-01-31") { lockedThrough } }`);

    // Overdue, as the test's clock moves past the due date of an open invoice.
    const open = await quote(client.id, product.id);
    await send(open);
    await accept(open);
    const late = await placeAndDeliver(open);
    await moveClock(dayAfter(late.invoice.dueOn));
    await t.app.get(InvoiceOverdueJob).detectOverdue();
    await gql(sales, `mutation ($id: ID!) { deactivateProduct(id: $id) { id } }`, { id: product.id });

    await arrived(paid.orderId, 'orders.order.closed.v1');
    await arrived(voided.invoiceId, 'billing.invoice.voided.v1');
    await arrived(late.invoiceId, 'billing.invoice.overdue.v1');
    await arrived(product.id, 'catalogue.product.deactivated.v1');
    await until(() => received.some((e) => e.type === 'ledger.journal_entry.reversed.v1' && e.tenantid === 'acme'), 'the reversal of the voided invoice');
    const ours = new Set([lead.id, other.id, client.id, task.id, product.id, won, rejected, lapsed, dropped, cancelled.id, voidedQuote, open]);
    for (const record of [paid, voided, late]) ours.add(record.orderId).add(record.invoiceId);
    const seen = received.filter((e) => e.tenantid === 'acme' && (ours.has(e.subject) || e.type.startsWith('ledger.')));
    // An endpoint's health events (webhooks.endpoint.*) need a failing receiver: test/webhooks.e2e-spec.ts follows them through the source.
    expect(new Set(seen.map((e) => e.type))).toEqual(new Set(integrationCatalogue.filter((d) => d.context !== 'webhooks').map((d) => d.type)));

    // Each one once (the log is delivered once to a consumer that never fails), about its own record.
    expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
    const one = (subject: string, type: string) => {
      const found = about(subject).filter((e) => e.type === type);
      expect([type, found.length]).toEqual([type, 1]);
      expect(found[0].tenantid).toBe('acme');
      return found[0].data as any;
    };
    expect(one(lead.id, 'crm.lead.assigned.v1')).toEqual({ leadId: lead.id, ownerId: adminUser.id, assignedBy: salesUser.id });
    expect(one(lead.id, 'crm.lead.captured.v1')).not.toHaveProperty('phone');
    expect(one(client.id, 'crm.client.assigned.v1')).toEqual({ clientId: client.id, ownerId: salesUser.id, assignedBy: salesUser.id });
    expect(one(task.id, 'crm.activity.logged.v1')).toEqual({
      activityId: task.id,
      subjectType: 'CLIENT',
      subjectId: client.id,
      kind: 'TASK',
      subject: 'Call about the renewal',
      dueOn: '2030-01-15',
    });
    expect(one(task.id, 'crm.task.completed.v1')).toMatchObject({ activityId: task.id, subject: 'Call about the renewal', subjectId: client.id });
    expect(one(product.id, 'catalogue.product.price_changed.v1')).toMatchObject({ unitPrice: '250.00', previousUnitPrice: '240.00', currency: 'USD' });
    expect(one(won, 'orders.quote.accepted.v1')).toMatchObject({ quoteId: won, clientId: client.id, currency: 'USD', total: '600.00' });
    expect(one(lapsed, 'orders.quote.expired.v1')).toMatchObject({ validUntil: today });
    expect(one(paid.orderId, 'orders.order.placed.v1')).toMatchObject({ quoteId: won, total: '600.00', lines: [{ quantity: '2', unitPrice: '250.00' }] });
    expect(one(paid.orderId, 'orders.order.shipped.v1')).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z999', clientId: client.id });
    expect(one(paid.orderId, 'orders.order.closed.v1')).toMatchObject({ invoiceId: paid.invoiceId });
    expect(one(paid.invoiceId, 'billing.invoice.sent.v1')).toMatchObject({
      number: paid.invoice.number,
      orderId: paid.orderId,
      clientId: client.id,
      clientName: 'Mary Jackson',
      total: '600.00',
      amountDue: '600.00',
      currency: 'USD',
    });
    expect(one(paid.invoiceId, 'billing.invoice.credit_note_issued.v1')).toMatchObject({ amount: '60.00', amountDue: '540.00' });
    expect(one(paid.invoiceId, 'billing.invoice.payment_recorded.v1')).toMatchObject({ amount: '540.00', amountDue: '0.00', reference: 'WIRE-1' });
    expect(one(paid.invoiceId, 'billing.invoice.paid.v1')).toMatchObject({ amountDue: '0.00' });
    expect(one(late.invoiceId, 'billing.invoice.overdue.v1')).toMatchObject({
      number: late.invoice.number,
      amountDue: '600.00',
      dueOn: late.invoice.dueOn,
      overdueOn: now.toISOString().slice(0, 10),
    });
    // In order per subject: the invoice's events as they happened.
    expect(about(paid.invoiceId).map((e) => e.type)).toEqual([
      'billing.invoice.issued.v1',
      'billing.invoice.sent.v1',
      'billing.invoice.credit_note_issued.v1',
      'billing.invoice.payment_recorded.v1',
      'billing.invoice.paid.v1',
    ]);
  }, 180_000);

  it('marks an open invoice overdue once, only after its due date, never a paid one, whatever another tenant holds', async () => {
    const job = t.app.get(InvoiceOverdueJob);
    const client = await gql(sales, `mutation ($input: RegisterClientInput!) { registerClient(input: $input) { id } }`, {
      input: { name: 'Katherine Johnson', email: `katherine.${randomUUID().slice(0, 8)}@example.com` },
    });
    const product = await gql(sales, `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`, {
      input: { sku: `OD-${randomUUID().slice(0, 6)}`, name: 'Orbit check', unitPrice: '250.00', taxRate: '20' },
    });
    const deliver = async () => {
      const q = await quote(client.id, product.id);
      await send(q);
      await accept(q);
      return placeAndDeliver(q);
    };
    const open = await deliver();
    const settled = await deliver();
    await gql(admin, `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`, {
      input: { invoiceId: settled.invoiceId, amount: '600.00', method: 'CARD', reference: 'CARD-1' },
    });
    const overdueOf = (invoiceId: string) => about(invoiceId).filter((e) => e.type === 'billing.invoice.overdue.v1');

    // Another tenant's invoice the detector cannot mark (a read-model row with no stream behind it).
    const pool = new Pool({ connectionString: t.databaseUrl, max: 1 });
    const broken = randomUUID();
    await pool.query(
      `INSERT INTO orders_invoices (id, tenant_id, number, order_id, client_id, currency, status, net, tax, total, amount_paid, credited, balance_due,
                                    issued_on, due_on, payments, credit_notes, created_at, updated_at, revision)
       VALUES ($1, 'globex', 'BROKEN-1', $2, $3, 'EUR', 'ISSUED', 100, 0, 100, 0, 0, 100, '2000-01-01', '2000-01-31', '[]', '[]', now(), now(), 0)`,
      [broken, randomUUID(), randomUUID()],
    );
    await pool.end();

    await moveClock(new Date(`${open.invoice.dueOn}T23:59:00Z`));
    await job.detectOverdue();
    await moveClock(dayAfter(open.invoice.dueOn, 90));
    const runs = await Promise.all([job.detectOverdue(), job.detectOverdue()]);
    expect(runs[0].failed).toBeGreaterThanOrEqual(1);
    await arrived(open.invoiceId, 'billing.invoice.overdue.v1');
    // Not the day of the due date: the event says the day after, when it ran.
    expect((overdueOf(open.invoiceId)[0].data as any).overdueOn).toBe(now.toISOString().slice(0, 10));
    // Run again, and again with the read model not showing the mark yet (a lagging projection, another instance): still one event.
    await job.detectOverdue();
    const again = new Pool({ connectionString: t.databaseUrl, max: 1 });
    await again.query(`UPDATE orders_invoices SET overdue_on = NULL WHERE id = $1`, [open.invoiceId]);
    await again.end();
    expect((await job.detectOverdue()).marked).toBe(0);
    const probe = await gql(sales, `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Probe', email: `probe.${randomUUID().slice(0, 8)}@example.com` },
    });
    await arrived(probe.id, 'crm.lead.captured.v1');
    expect(overdueOf(open.invoiceId)).toHaveLength(1);
    expect(overdueOf(settled.invoiceId)).toHaveLength(0);
  }, 180_000);

  it('gives the same ids and payloads when the log is mapped again from the start (replay, backfill)', async () => {
    const probe = await gql(sales, `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Last one', email: `last.${randomUUID().slice(0, 8)}@example.com` },
    });
    await arrived(probe.id, 'crm.lead.captured.v1');
    const replayed: CloudEvent[] = [];
    for await (const batch of translatedLog(t.app.get<EventStore>(EVENT_STORE), toIntegrationEvent, { filter: integrationEventFilter, batchSize: 97 }))
      replayed.push(...batch.map((translated) => translated.event));
    const upTo = replayed.findIndex((event) => event.subject === probe.id);
    expect(replayed.slice(0, upTo + 1)).toEqual(received.slice(0, upTo + 1));
    expect(received.length).toBeGreaterThan(100);
  }, 180_000);
});
