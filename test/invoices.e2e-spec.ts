import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dueDate } from '../src/orders/domain/invoice-number';
import { InvoiceNumbering } from '../src/orders/application/invoice-numbering';
import { InvoicingProcessManager, invoiceIdForDelivery } from '../src/orders/application/invoicing.process-manager';
import { EVENT_STORE, EventStore, NewEvent } from '../src/shared/event-store/event-store.port';
import { startTestApp, TestApp } from './support/app';

const INVOICE_FIELDS = `id number orderId clientId currency status net tax total amountPaid credited balanceDue issuedOn dueOn overdue
  sentOn paidOn voidedOn voidReason payments { id amount method reference receivedOn } creditNotes { id amount net tax reason issuedOn }`;
const INVOICE = `query ($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`;
const INVOICES = `query ($filter: InvoiceFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
  invoices(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { total items { id number status orderId overdue } } }`;
const SEND = `mutation ($id: ID!) { sendInvoice(id: $id) { id status sentOn } }`;
const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { ${INVOICE_FIELDS} } }`;
const CREDIT = `mutation ($input: IssueCreditNoteInput!) { issueCreditNote(input: $input) { ${INVOICE_FIELDS} } }`;
const VOID = `mutation ($id: ID!, $reason: String!) { voidInvoice(id: $id, reason: $reason) { id status voidedOn voidReason balanceDue } }`;
const HISTORY = `query ($id: ID!) { history(entity: "invoice", id: $id) { type revision data metadata } }`;

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const year = today.slice(0, 4);

const until = async <T>(probe: () => Promise<T | null | undefined>, what: string, timeoutMs = 15000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('Invoices through GraphQL (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  let store: EventStore;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(EVENT_STORE);
    for (const email of ['admin@acme.test', 'accountant@acme.test', 'sales@acme.test', 'auditor@acme.test', 'accountant@globex.test'])
      as[email.split('@')[0] + '@' + email.split('@')[1].split('.')[0]] = { authorization: `Bearer ${await t.login(email)}` };
  });
  afterAll(() => t?.close());

  const accountant = () => as['accountant@acme'];

  /** An order's life up to delivery, stored as the orders context stores it. */
  const deliver = async (
    tenantId: string,
    amounts: { net: number; tax: number } = { net: 10000, tax: 2000 },
    deliveredOn = today,
    deliveredEventId = randomUUID(),
  ) => {
    const orderId = randomUUID();
    const clientId = randomUUID();
    const quoteId = randomUUID();
    const currency = tenantId === 'globex' ? 'EUR' : 'USD';
    const { net, tax } = amounts;
    const total = net + tax;
    const metadata = { tenantId, actorId: 'test', correlationId: randomUUID(), causationId: randomUUID() };
    const events: NewEvent[] = [
      { type: 'OrderPlaced', data: { orderId, quoteId, clientId, currency, lines: [], net, tax, total, placedOn: deliveredOn } },
      { type: 'PaymentAuthorized', data: { orderId, reference: 'AUTH-1' } },
      { type: 'OrderShipped', data: { orderId, carrier: 'UPS', trackingNumber: '1Z', shippedOn: deliveredOn } },
      { type: 'OrderDelivered', data: { orderId, quoteId, clientId, currency, net, tax, total, deliveredOn } },
    ].map((event, index) => ({ id: index === 3 ? deliveredEventId : randomUUID(), ...event, metadata }));
    await store.appendToStream(`order-${orderId}`, events, { expectedRevision: 'no_stream' });
    return { orderId, clientId, deliveredEventId, currency, total };
  };

  const invoiceOf = async (orderId: string, headers = accountant()) => {
    const found = await until(async () => {
      const result = await t.graphql(INVOICES, { filter: { orderId } }, headers);
      return result.data?.invoices.items[0];
    }, `the invoice of order ${orderId}`);
    return (await t.graphql(INVOICE, { id: found.id }, headers)).data.invoice;
  };

  const orderEvents = async (orderId: string) => (await store.readStream(`order-${orderId}`)).map((event) => event.type);

  const pay = (invoiceId: string, amount: string, headers = accountant(), extra: Record<string, unknown> = {}) =>
    t.graphql(PAY, { input: { invoiceId, amount, method: 'BANK_TRANSFER', reference: `REF-${amount}`, ...extra } }, headers);

  it('issues the invoice when delivery is confirmed, takes payments until PAID and closes the order', async () => {
    const order = await deliver('acme', { net: 10000, tax: 2000 });
    const issued = await invoiceOf(order.orderId);
    expect(issued).toMatchObject({
      orderId: order.orderId,
      clientId: order.clientId,
      currency: 'USD',
      status: 'ISSUED',
      net: '100.00',
      tax: '20.00',
      total: '120.00',
      amountPaid: '0.00',
      credited: '0.00',
      balanceDue: '120.00',
      issuedOn: today,
      dueOn: dueDate(today, 30),
      overdue: false,
      payments: [],
    });
    expect(issued.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
    await until(async () => (await orderEvents(order.orderId)).includes('OrderInvoiced'), 'the order to be INVOICED');

    const sent = await t.graphql(SEND, { id: issued.id }, accountant());
    expect(sent.data.sendInvoice).toEqual({ id: issued.id, status: 'SENT', sentOn: today });

    const partial = await pay(issued.id, '50.00');
    expect(partial.errors).toBeUndefined();
    expect(partial.data.recordPayment).toMatchObject({ status: 'PARTIALLY_PAID', amountPaid: '50.00', balanceDue: '70.00' });
    expect(partial.data.recordPayment.payments).toEqual([
      { id: expect.any(String), amount: '50.00', method: 'BANK_TRANSFER', reference: 'REF-50.00', receivedOn: today },
    ]);

    const final = await pay(issued.id, '70');
    expect(final.data.recordPayment).toMatchObject({ status: 'PAID', amountPaid: '120.00', balanceDue: '0.00', paidOn: today, overdue: false });
    expect((await t.graphql(INVOICE, { id: issued.id }, as['sales@acme'])).data.invoice.status).toBe('PAID');
    await until(async () => (await orderEvents(order.orderId)).includes('OrderClosed'), 'the order to be CLOSED');
    expect(await orderEvents(order.orderId)).toEqual(['OrderPlaced', 'PaymentAuthorized', 'OrderShipped', 'OrderDelivered', 'OrderInvoiced', 'OrderClosed']);

    const history = (await t.graphql(HISTORY, { id: issued.id }, as['auditor@acme'])).data.history;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['InvoiceIssued', 'InvoiceSent', 'PaymentRecorded', 'PaymentRecorded', 'InvoiceFullyPaid']);
    expect(history[0].metadata).toMatchObject({ tenantId: 'acme', actorId: 'system:invoicing' });
  });

  it('walks a lead to a paid invoice through GraphQL alone: the order ends CLOSED', async () => {
    const gql = async (query: string, variables: Record<string, unknown>, headers = as['admin@acme']) => {
      const result = await t.graphql(query, variables, headers);
      expect(result.errors).toBeUndefined();
      return Object.values(result.data as Record<string, any>)[0];
    };
    const sales = as['sales@acme'];
    const lead = await gql(
      `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`,
      { input: { name: 'Dorothy Vaughan', email: `dorothy.${randomUUID().slice(0, 8)}@example.com` } },
      sales,
    );
    await gql(`mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id }, sales);
    const client = await gql(`mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.id }, sales);
    const quote = await gql(
      `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id } }`,
      { input: { clientId: client.id, lines: [{ description: 'Widgets', quantity: '3', unitPrice: '33.33', taxRate: '7.5' }] } },
      sales,
    );
    await gql(`mutation ($id: ID!) { sendQuote(id: $id) { id } }`, { id: quote.id }, sales);
    await gql(`mutation ($id: ID!) { acceptQuote(id: $id) { id } }`, { id: quote.id }, sales);
    const order = await gql(`mutation ($quoteId: ID!) { placeOrder(quoteId: $quoteId) { id net tax total } }`, { quoteId: quote.id }, sales);
    await gql(`mutation ($id: ID!) { authorizePayment(orderId: $id, reference: "AUTH-7") { id } }`, { id: order.id }, sales);
    await gql(`mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "DHL", trackingNumber: "JD01") { id } }`, { id: order.id }, sales);
    await gql(`mutation ($id: ID!) { confirmDelivery(orderId: $id) { id } }`, { id: order.id }, sales);

    // 3 x 33.33 = 99.99 net, 7.5% tax = 7.49925 -> 7.50 half-up
    const invoice = await invoiceOf(order.id, sales);
    expect(invoice).toMatchObject({ clientId: client.id, net: order.net, tax: order.tax, total: order.total, status: 'ISSUED', dueOn: dueDate(today, 30) });
    expect([invoice.net, invoice.tax, invoice.total]).toEqual(['99.99', '7.50', '107.49']);
    const orderStatus = async () => (await gql(`query ($id: ID!) { order(id: $id) { status } }`, { id: order.id }, as['accountant@acme'])).status;
    await until(async () => (await orderStatus()) === 'INVOICED', 'the order to be INVOICED');

    expect((await pay(invoice.id, '7.49')).data.recordPayment).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: '100.00' });
    expect((await pay(invoice.id, '100.00')).data.recordPayment).toMatchObject({ status: 'PAID', balanceDue: '0.00' });
    await until(async () => (await orderStatus()) === 'CLOSED', 'the order to be CLOSED');
  });

  it('refuses an overpayment, saying the balance due', async () => {
    const invoice = await invoiceOf((await deliver('acme')).orderId);
    await pay(invoice.id, '100.00');
    const over = await pay(invoice.id, '20.01');
    expect(over.errors?.[0].extensions.code).toBe('PAYMENT_EXCEEDS_BALANCE');
    expect(over.errors?.[0].message).toContain('balance due of 20.00 USD');
    expect((await t.graphql(INVOICE, { id: invoice.id }, accountant())).data.invoice.amountPaid).toBe('100.00');
  });

  it('refuses amounts that are not decimal strings of the currency', async () => {
    const invoice = await invoiceOf((await deliver('acme')).orderId);
    expect((await pay(invoice.id, '12.345')).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await pay(invoice.id, '-1')).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await pay(invoice.id, '0')).errors?.[0].extensions.code).toBe('AMOUNT_NOT_POSITIVE');
    const badDate = await pay(invoice.id, '1', accountant(), { receivedOn: '2026-02-30' });
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { receivedOn: [expect.stringContaining('real calendar date')] } });
    const future = await pay(invoice.id, '1', accountant(), { receivedOn: '2999-01-01' });
    expect(future.errors?.[0].extensions.code).toBe('PAYMENT_DATE_IN_FUTURE');
    const noReference = await pay(invoice.id, '1', accountant(), { reference: '' });
    expect(noReference.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { reference: [expect.stringContaining('reference is required')] },
    });
  });

  it('records a payment once per Idempotency-Key', async () => {
    const invoice = await invoiceOf((await deliver('acme')).orderId);
    const headers = { ...accountant(), 'idempotency-key': randomUUID() };
    const first = await pay(invoice.id, '10.00', headers);
    const again = await pay(invoice.id, '10.00', headers);
    expect(again.data.recordPayment).toEqual(first.data.recordPayment);
    expect((await t.graphql(INVOICE, { id: invoice.id }, accountant())).data.invoice).toMatchObject({ amountPaid: '10.00', payments: [expect.anything()] });
  });

  it('issues credit notes split into net and tax, and settles the invoice once nothing is due', async () => {
    const invoice = await invoiceOf((await deliver('acme')).orderId);
    const partial = await t.graphql(CREDIT, { input: { invoiceId: invoice.id, amount: '20.00', reason: 'one item damaged' } }, accountant());
    expect(partial.errors).toBeUndefined();
    expect(partial.data.issueCreditNote).toMatchObject({ status: 'ISSUED', credited: '20.00', balanceDue: '100.00' });
    expect(partial.data.issueCreditNote.creditNotes).toEqual([
      { id: expect.any(String), amount: '20.00', net: '16.67', tax: '3.33', reason: 'one item damaged', issuedOn: today },
    ]);
    const tooMuch = await t.graphql(CREDIT, { input: { invoiceId: invoice.id, amount: '100.01', reason: 'x' } }, accountant());
    expect(tooMuch.errors?.[0].extensions.code).toBe('CREDIT_EXCEEDS_BALANCE');
    const rest = await t.graphql(CREDIT, { input: { invoiceId: invoice.id, amount: '100.00', reason: 'cancelled' } }, accountant());
    expect(rest.data.issueCreditNote).toMatchObject({ status: 'PAID', credited: '120.00', balanceDue: '0.00' });
    const notes = rest.data.issueCreditNote.creditNotes;
    expect([notes[0].net, notes[1].net, notes[0].tax, notes[1].tax]).toEqual(['16.67', '83.33', '3.33', '16.67']);
  });

  it('voids an invoice with no payment, and refuses once a payment is recorded', async () => {
    const unpaid = await invoiceOf((await deliver('acme')).orderId);
    const voided = await t.graphql(VOID, { id: unpaid.id, reason: 'ordered twice' }, as['admin@acme']);
    expect(voided.data.voidInvoice).toMatchObject({ status: 'VOID', voidedOn: today, voidReason: 'ordered twice' });
    expect((await pay(unpaid.id, '1')).errors?.[0].extensions.code).toBe('INVOICE_VOID');

    const paid = await invoiceOf((await deliver('acme')).orderId);
    await pay(paid.id, '1.00');
    const refused = await t.graphql(VOID, { id: paid.id, reason: 'ordered twice' }, accountant());
    expect(refused.errors?.[0].extensions.code).toBe('VOID_AFTER_PAYMENT');
    expect((await t.graphql(INVOICE, { id: paid.id }, accountant())).data.invoice.status).toBe('PARTIALLY_PAID');
  });

  it('says an invoice is overdue once its due date has passed with a balance due, and filters on it', async () => {
    const old = await invoiceOf((await deliver('acme', undefined, daysAgo(45))).orderId);
    expect(old).toMatchObject({ issuedOn: daysAgo(45), dueOn: dueDate(daysAgo(45), 30), overdue: true });
    const overdue = (await t.graphql(INVOICES, { filter: { overdue: true }, perPage: 500 }, accountant())).data.invoices;
    expect(overdue.items.map((i: { id: string }) => i.id)).toContain(old.id);
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    await pay(old.id, '120.00');
    expect((await t.graphql(INVOICE, { id: old.id }, accountant())).data.invoice.overdue).toBe(false);
  });

  it('uses the tenant payment terms for the due date', async () => {
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await db.query(`UPDATE tenants SET payment_terms_days = 14 WHERE id = 'globex'`);
    await db.end();
    const invoice = await invoiceOf((await deliver('globex')).orderId, as['accountant@globex']);
    expect(invoice).toMatchObject({ currency: 'EUR', dueOn: dueDate(today, 14), total: '120.00' });
  });

  describe('roles', () => {
    it('lets sales and auditors read invoices but change none', async () => {
      const invoice = await invoiceOf((await deliver('acme')).orderId);
      for (const role of ['sales@acme', 'auditor@acme']) {
        expect((await t.graphql(INVOICE, { id: invoice.id }, as[role])).data.invoice.id).toBe(invoice.id);
        expect((await t.graphql(INVOICES, {}, as[role])).data.invoices.total).toBeGreaterThan(0);
        expect((await pay(invoice.id, '1.00', as[role])).errors?.[0].extensions.code).toBe('FORBIDDEN');
        expect((await t.graphql(SEND, { id: invoice.id }, as[role])).errors?.[0].extensions.code).toBe('FORBIDDEN');
        expect((await t.graphql(VOID, { id: invoice.id, reason: 'x' }, as[role])).errors?.[0].extensions.code).toBe('FORBIDDEN');
        const credit = await t.graphql(CREDIT, { input: { invoiceId: invoice.id, amount: '1', reason: 'x' } }, as[role]);
        expect(credit.errors?.[0].extensions.code).toBe('FORBIDDEN');
      }
      expect((await t.graphql(INVOICE, { id: invoice.id }, accountant())).data.invoice).toMatchObject({ status: 'ISSUED', amountPaid: '0.00' });
    });
  });

  describe('tenant isolation', () => {
    it("never shows or changes another tenant's invoice", async () => {
      const invoice = await invoiceOf((await deliver('acme')).orderId);
      const globex = as['accountant@globex'];
      expect((await t.graphql(INVOICE, { id: invoice.id }, globex)).data.invoice).toBeNull();
      expect((await t.graphql(INVOICES, { filter: { orderId: invoice.orderId } }, globex)).data.invoices.total).toBe(0);
      expect((await pay(invoice.id, '1.00', globex)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await t.graphql(HISTORY, { id: invoice.id }, globex)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await t.graphql(INVOICE, { id: invoice.id }, accountant())).data.invoice.amountPaid).toBe('0.00');
    });
  });

  describe('numbering', () => {
    const numbers = async (headers: Record<string, string>) =>
      (await t.graphql(INVOICES, { perPage: 500, sortField: 'number', sortOrder: 'ASC' }, headers)).data.invoices.items.map(
        (i: { number: string }) => i.number,
      );

    it('numbers each tenant from 1 with no gaps, even with deliveries in both at once', async () => {
      const orders = await Promise.all([...Array(6)].map((_, i) => deliver(i % 2 === 0 ? 'acme' : 'globex')));
      await Promise.all(orders.map((order) => invoiceOf(order.orderId, order.currency === 'USD' ? accountant() : as['accountant@globex'])));
      for (const headers of [accountant(), as['accountant@globex']]) {
        const taken = await numbers(headers);
        expect(taken).toEqual(taken.map((_: string, i: number) => `INV-${year}-${String(i + 1).padStart(6, '0')}`));
      }
    });

    it('reuses the number taken before a crash, and a redelivered OrderDelivered issues nothing new', async () => {
      const deliveredEventId = randomUUID();
      const invoiceId = invoiceIdForDelivery('acme', deliveredEventId);
      const before = await numbers(accountant());
      // The process manager took a number, then crashed before issuing the invoice.
      const context = { tenantId: 'acme', actorId: 'system:invoicing', correlationId: randomUUID(), causationId: deliveredEventId };
      const taken = await t.app.get(InvoiceNumbering).assign(invoiceId, 'some-order', Number(year), context);
      expect(taken).toBe(`INV-${year}-${String(before.length + 1).padStart(6, '0')}`);

      const order = await deliver('acme', undefined, today, deliveredEventId);
      const invoice = await invoiceOf(order.orderId);
      expect(invoice).toMatchObject({ id: invoiceId, number: taken });

      const [delivered] = (await store.readStream(`order-${order.orderId}`)).filter((event) => event.type === 'OrderDelivered');
      expect(await t.app.get(InvoicingProcessManager).invoiceDelivery(delivered)).toBe(invoiceId);
      const after = await numbers(accountant());
      expect(after).toEqual([...before, taken]);
      expect((await store.readStream(`invoice-${invoiceId}`)).map((event) => event.type)).toEqual(['InvoiceIssued']);
    });
  });
});
