import { seedDemoOrders } from '../src/orders/application/demo-orders.seed';
import { QuoteExpiryJob } from '../src/orders/application/quote-expiry.job';
import { EventSourcedRunner } from '../src/shared/command/event-sourced-runner';
import { startTestApp, TestApp } from './support/app';

const PRODUCT_FIELDS = 'id sku name unitPrice taxRate currency active';
const QUOTE_FIELDS = `id clientId clientName status currency validUntil revision net tax total orderId rejectionReason
  lines { productId description quantity unitPrice taxRate net tax }`;
const ORDER_FIELDS = `id quoteId clientId clientName status currency net tax total placedOn paymentReference paymentFailureReason
  carrier trackingNumber deliveredOn cancelReason lines { description net tax }`;

const CREATE_PRODUCT = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
const DRAFT = `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { ${QUOTE_FIELDS} } }`;
const REVISE = `mutation ($id: ID!, $input: ReviseQuoteInput!) { reviseQuote(id: $id, input: $input) { ${QUOTE_FIELDS} } }`;
const SEND = `mutation ($id: ID!) { sendQuote(id: $id) { id status } }`;
const ACCEPT = `mutation ($id: ID!) { acceptQuote(id: $id) { id status } }`;
const REJECT = `mutation ($id: ID!, $reason: String!) { rejectQuote(id: $id, reason: $reason) { id status rejectionReason } }`;
const PLACE = `mutation ($quoteId: ID!) { placeOrder(quoteId: $quoteId) { ${ORDER_FIELDS} } }`;
const AUTHORIZE = `mutation ($id: ID!, $ref: String!) { authorizePayment(orderId: $id, reference: $ref) { id status paymentReference } }`;
const FAIL = `mutation ($id: ID!, $reason: String!) { failPayment(orderId: $id, reason: $reason) { id status paymentFailureReason } }`;
const SHIP = `mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "UPS", trackingNumber: "1Z999") { id status carrier trackingNumber } }`;
const DELIVER = `mutation ($id: ID!) { confirmDelivery(orderId: $id) { id status deliveredOn } }`;
const CANCEL = `mutation ($id: ID!, $reason: String!) { cancelOrder(orderId: $id, reason: $reason) { id status cancelReason } }`;
const QUOTE = `query ($id: ID!) { quote(id: $id) { ${QUOTE_FIELDS} } }`;
const ORDER = `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const HISTORY = `query ($entity: String!, $id: ID!) { history(entity: $entity, id: $id) { type revision } }`;

describe('catalogue, quotes and orders through GraphQL (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  const as: Record<string, Record<string, string>> = {};
  let clientId: string;
  let globexClientId: string;
  const unique = () => Math.random().toString(36).slice(2, 8).toUpperCase();

  const ok = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await t.graphql(query, variables, headers);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data as Record<string, any>)[0];
  };
  const refused = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await t.graphql(query, variables, headers);
    expect(result.errors).toBeDefined();
    return result.errors![0].extensions.code as string;
  };
  const newClient = async (headers: Record<string, string>) => {
    const lead = await ok(
      `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`,
      { input: { name: 'Mary Jackson', email: `mary.${unique()}@example.com` } },
      headers,
    );
    await ok(`mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id }, headers);
    return (await ok(`mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.id }, headers)).id as string;
  };
  const product = (headers = as.sales, input: Record<string, string> = {}) =>
    ok(CREATE_PRODUCT, { input: { sku: `WID-${unique()}`, name: 'Widget', unitPrice: '0.35', taxRate: '7.5', ...input } }, headers);
  const sentQuote = async (headers = as.sales, extra: Record<string, unknown> = {}) => {
    const quote = await ok(
      DRAFT,
      { input: { clientId, lines: [{ description: 'Setup', quantity: '1', unitPrice: '100', taxRate: '20' }], ...extra } },
      headers,
    );
    await ok(SEND, { id: quote.id }, headers);
    return quote;
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ['admin', 'sales', 'accountant', 'auditor']) as[role] = { authorization: `Bearer ${await t.login(`${role}@acme.test`)}` };
    as.globex = { authorization: `Bearer ${await t.login('sales@globex.test')}` };
    clientId = await newClient(as.sales);
    globexClientId = await newClient(as.globex);
  });
  afterAll(() => t?.close());

  // First: later tests expire every open quote, the demo's too.
  describe('demo data', () => {
    const DEMO = `{ products(filter: { q: "-" }, perPage: 500) { items { sku active } }
      quotes(filter: { q: "Ada Lovelace" }, perPage: 500) { items { status clientName } }
      orders(perPage: 500) { items { status clientName } } }`;
    const statuses = (items: { status: string; clientName: string }[]) =>
      [...new Set(items.filter((item) => item.clientName === 'Ada Lovelace').map((item) => item.status))].sort();

    it('seeds a catalogue, quotes in several states and orders at several stages for the demo client, once', async () => {
      const seeded = await t.graphql(DEMO, {}, as.auditor);
      expect(seeded.data.products.items).toEqual(
        expect.arrayContaining([
          { sku: 'WID-100', active: true },
          { sku: 'LEG-001', active: false },
        ]),
      );
      expect(statuses(seeded.data.quotes.items)).toEqual(expect.arrayContaining(['ACCEPTED', 'DRAFT', 'REJECTED', 'SENT']));
      expect(statuses(seeded.data.orders.items)).toEqual(expect.arrayContaining(['CANCELLED', 'PAYMENT_AUTHORIZED', 'PLACED', 'SHIPPED']));
      expect(seeded.data.orders.items.filter((o: { status: string }) => ['DELIVERED', 'INVOICED', 'CLOSED'].includes(o.status)).length).toBeGreaterThanOrEqual(
        1,
      );
      await seedDemoOrders(t.app.get(EventSourcedRunner), 'acme', 'USD', new Date());
      const again = await t.graphql(DEMO, {}, as.auditor);
      expect(again.data.products.items).toHaveLength(seeded.data.products.items.length);
      expect(again.data.quotes.items).toHaveLength(seeded.data.quotes.items.length);
      const globex = await t.graphql(`{ products(filter: { q: "WID-100" }) { items { unitPrice currency } } }`, {}, as.globex);
      expect(globex.data.products.items).toEqual([{ unitPrice: '12.50', currency: 'EUR' }]);
    });
  });

  describe('catalogue', () => {
    it('creates a product, changes its price and deactivates it', async () => {
      const created = await product(as.sales, { unitPrice: '12.5', taxRate: '20.00' });
      expect(created).toMatchObject({ name: 'Widget', unitPrice: '12.50', taxRate: '20', currency: 'USD', active: true });
      expect(await ok(`mutation ($id: ID!) { changeProductPrice(id: $id, unitPrice: "14") { unitPrice } }`, { id: created.id }, as.sales)).toEqual({
        unitPrice: '14.00',
      });
      expect(await ok(`mutation ($id: ID!) { deactivateProduct(id: $id) { active } }`, { id: created.id }, as.admin)).toEqual({ active: false });
      expect(await refused(`mutation ($id: ID!) { deactivateProduct(id: $id) { active } }`, { id: created.id }, as.sales)).toBe('PRODUCT_INACTIVE');
      const list = await ok(
        `query ($q: String) { products(filter: { q: $q, active: false }) { total items { id } } }`,
        { q: created.sku.toLowerCase() },
        as.auditor,
      );
      expect(list).toEqual({ total: 1, items: [{ id: created.id }] });
      const history = await ok(HISTORY, { entity: 'product', id: created.id }, as.auditor);
      expect(history.map((e: { type: string }) => e.type)).toEqual(['ProductCreated', 'ProductPriceChanged', 'ProductDeactivated']);
    });

    it('refuses a SKU already used in the tenant, in any letter case, even concurrently; another tenant may use it', async () => {
      const sku = `DUP-${unique()}`;
      const attempts = await Promise.all([0, 1, 2].map(() => t.graphql(CREATE_PRODUCT, { input: { sku, name: 'X', unitPrice: '1', taxRate: '0' } }, as.sales)));
      expect(attempts.filter((r) => !r.errors)).toHaveLength(1);
      expect(attempts.filter((r) => r.errors).map((r) => r.errors![0].extensions.code)).toEqual(['SKU_ALREADY_USED', 'SKU_ALREADY_USED']);
      expect(await refused(CREATE_PRODUCT, { input: { sku: sku.toLowerCase(), name: 'X', unitPrice: '1', taxRate: '0' } }, as.sales)).toBe('SKU_ALREADY_USED');
      expect(await product(as.globex, { sku })).toMatchObject({ sku, currency: 'EUR' });
    });

    it('refuses bad input with one message per field, and claims no SKU for it', async () => {
      const sku = `BAD-${unique()}`;
      const result = await t.graphql(CREATE_PRODUCT, { input: { sku, name: 'X', unitPrice: '1,50', taxRate: '120' } }, as.sales);
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions.fields.unitPrice).toBeDefined();
      expect(await product(as.sales, { sku, taxRate: '120' }).catch(() => 'refused')).toBe('refused');
      expect(await product(as.sales, { sku })).toMatchObject({ sku });
    });

    it('gives the same answer to a create repeated with the same Idempotency-Key', async () => {
      const headers = { ...as.sales, 'idempotency-key': `create-${unique()}` };
      const input = { sku: `IDEM-${unique()}`, name: 'Once', unitPrice: '1', taxRate: '0' };
      const first = await ok(CREATE_PRODUCT, { input }, headers);
      expect(await ok(CREATE_PRODUCT, { input }, headers)).toEqual(first);
    });
  });

  describe('quotes', () => {
    it('drafts a quote from a product and a free-text line, priced line by line, half-up', async () => {
      const widget = await product();
      const quote = await ok(
        DRAFT,
        {
          input: {
            clientId,
            validUntil: '2099-12-31',
            lines: [
              { productId: widget.id, quantity: '3' },
              { description: 'Setup', quantity: '1.5', unitPrice: '100', taxRate: '20' },
            ],
          },
        },
        as.sales,
      );
      expect(quote).toMatchObject({
        clientId,
        clientName: 'Mary Jackson',
        status: 'DRAFT',
        currency: 'USD',
        revision: 1,
        net: '151.05',
        tax: '30.08',
        total: '181.13',
        lines: [
          { productId: widget.id, description: 'Widget', quantity: '3', unitPrice: '0.35', taxRate: '7.5', net: '1.05', tax: '0.08' },
          { productId: null, description: 'Setup', quantity: '1.5', unitPrice: '100.00', taxRate: '20', net: '150.00', tax: '30.00' },
        ],
      });
      expect(await ok(QUOTE, { id: quote.id }, as.accountant)).toEqual(quote);
    });

    it('refuses a client of no tenant or of another tenant, and a line that says too little', async () => {
      const line = { description: 'x', quantity: '1', unitPrice: '1', taxRate: '0' };
      expect(await refused(DRAFT, { input: { clientId: globexClientId, lines: [line] } }, as.sales)).toBe('CLIENT_NOT_FOUND');
      expect(await refused(DRAFT, { input: { clientId: '00000000-0000-4000-8000-000000000000', lines: [line] } }, as.sales)).toBe('CLIENT_NOT_FOUND');
      const result = await t.graphql(DRAFT, { input: { clientId, lines: [{ quantity: '1' }] } }, as.sales);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(Object.keys(result.errors![0].extensions.fields)).toEqual(['lines[0].description', 'lines[0].unitPrice', 'lines[0].taxRate']);
      expect(await refused(DRAFT, { input: { clientId, lines: [] } }, as.sales)).toBe('BAD_USER_INPUT');
      expect(await refused(DRAFT, { input: { clientId, validUntil: '2020-01-01', lines: [line] } }, as.sales)).toBe('VALID_UNTIL_IN_PAST');
      const archived = await newClient(as.sales);
      await ok(`mutation ($id: ID!) { archiveClient(id: $id, reason: "gone") { id } }`, { id: archived }, as.sales);
      expect(await refused(DRAFT, { input: { clientId: archived, lines: [line] } }, as.sales)).toBe('CLIENT_ARCHIVED');
      await ok(`mutation ($id: ID!) { restoreClient(id: $id) { id } }`, { id: archived }, as.sales);
      expect((await ok(DRAFT, { input: { clientId: archived, lines: [line] } }, as.sales)).status).toBe('DRAFT');
    });

    it('revises a SENT quote into a new DRAFT revision, then sends and accepts it', async () => {
      const quote = await sentQuote();
      const revised = await ok(
        REVISE,
        { id: quote.id, input: { lines: [{ description: 'Consulting', quantity: '2', unitPrice: '50', taxRate: '10' }] } },
        as.sales,
      );
      expect(revised).toMatchObject({ status: 'DRAFT', revision: 2, net: '100.00', tax: '10.00', total: '110.00', lines: [{ description: 'Consulting' }] });
      expect(await refused(ACCEPT, { id: quote.id }, as.sales)).toBe('QUOTE_NOT_SENT');
      await ok(SEND, { id: quote.id }, as.sales);
      expect(await ok(ACCEPT, { id: quote.id }, as.sales)).toEqual({ id: quote.id, status: 'ACCEPTED' });
      expect(await refused(REVISE, { id: quote.id, input: { lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxRate: '0' }] } }, as.sales)).toBe(
        'QUOTE_NOT_EDITABLE',
      );
      expect(await refused(REJECT, { id: quote.id, reason: 'late' }, as.sales)).toBe('QUOTE_NOT_SENT');
    });

    it('rejects a SENT quote with a reason', async () => {
      const quote = await sentQuote();
      expect(await refused(REJECT, { id: quote.id, reason: ' ' }, as.sales)).toBe('REASON_REQUIRED');
      expect(await ok(REJECT, { id: quote.id, reason: 'Too expensive' }, as.sales)).toEqual({
        id: quote.id,
        status: 'REJECTED',
        rejectionReason: 'Too expensive',
      });
      expect(await refused(PLACE, { quoteId: quote.id }, as.sales)).toBe('QUOTE_NOT_ACCEPTED');
    });

    it('expires quotes past their date by itself, and then refuses to accept them', async () => {
      const quote = await sentQuote(as.sales, { validUntil: '2098-12-31' });
      const job = t.app.get(QuoteExpiryJob);
      // (Every other open quote in the database expires before 2099 too: the demo's among them.)
      await job.expireDue('2098-12-31');
      expect((await ok(QUOTE, { id: quote.id }, as.sales)).status).toBe('SENT');
      expect(await job.expireDue('2099-01-01')).toBeGreaterThanOrEqual(1);
      expect(await job.expireDue('2099-01-01')).toBe(0);
      let status = '';
      for (let i = 0; i < 100 && status !== 'EXPIRED'; i++) {
        status = (await ok(QUOTE, { id: quote.id }, as.sales)).status;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe('EXPIRED');
      expect(await refused(ACCEPT, { id: quote.id }, as.sales)).toBe('QUOTE_EXPIRED');
      const history = await ok(HISTORY, { entity: 'quote', id: quote.id }, as.auditor);
      expect(history.map((e: { type: string }) => e.type)).toEqual(['QuoteDrafted', 'QuoteSent', 'QuoteExpired']);
    });

    it('lists quotes by status, client and search text', async () => {
      const quote = await ok(
        DRAFT,
        { input: { clientId, lines: [{ description: `Rare ${unique()}`, quantity: '1', unitPrice: '1', taxRate: '0' }] } },
        as.sales,
      );
      const term = quote.lines[0].description;
      const found = await ok(
        `query ($f: QuoteFilter) { quotes(filter: $f) { total items { id } } }`,
        { f: { q: term, status: 'DRAFT', clientId } },
        as.auditor,
      );
      expect(found).toEqual({ total: 1, items: [{ id: quote.id }] });
      const byClient = await ok(
        `query ($f: QuoteFilter) { quotes(filter: $f, perPage: 500) { items { id clientName } } }`,
        { f: { q: 'mary jack' } },
        as.sales,
      );
      expect(byClient.items.map((q: { id: string }) => q.id)).toContain(quote.id);
    });
  });

  describe('orders', () => {
    const acceptedQuote = async () => {
      const quote = await sentQuote();
      await ok(ACCEPT, { id: quote.id }, as.sales);
      return quote;
    };

    it('walks an order from an accepted quote to delivery', async () => {
      const quote = await acceptedQuote();
      const order = await ok(PLACE, { quoteId: quote.id }, as.sales);
      expect(order).toMatchObject({
        quoteId: quote.id,
        clientId,
        clientName: 'Mary Jackson',
        status: 'PLACED',
        currency: 'USD',
        net: '100.00',
        tax: '20.00',
        total: '120.00',
        lines: [{ description: 'Setup', net: '100.00', tax: '20.00' }],
      });
      expect((await ok(QUOTE, { id: quote.id }, as.sales)).orderId).toBe(order.id);
      expect(await refused(PLACE, { quoteId: quote.id }, as.sales)).toBe('ORDER_ALREADY_PLACED');

      expect(await refused(SHIP, { id: order.id }, as.sales)).toBe('PAYMENT_NOT_AUTHORIZED');
      expect(await ok(FAIL, { id: order.id, reason: 'Card declined' }, as.sales)).toEqual({
        id: order.id,
        status: 'PAYMENT_FAILED',
        paymentFailureReason: 'Card declined',
      });
      expect(await refused(SHIP, { id: order.id }, as.sales)).toBe('PAYMENT_NOT_AUTHORIZED');
      expect(await ok(AUTHORIZE, { id: order.id, ref: 'AUTH-42' }, as.sales)).toEqual({
        id: order.id,
        status: 'PAYMENT_AUTHORIZED',
        paymentReference: 'AUTH-42',
      });
      expect(await refused(DELIVER, { id: order.id }, as.sales)).toBe('ORDER_NOT_SHIPPED');
      expect(await ok(SHIP, { id: order.id }, as.sales)).toEqual({ id: order.id, status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z999' });
      expect(await refused(CANCEL, { id: order.id, reason: 'too late' }, as.sales)).toBe('ORDER_NOT_CANCELLABLE');
      const delivered = await ok(DELIVER, { id: order.id }, as.sales);
      // The invoicing process manager may already have moved it on.
      expect(['DELIVERED', 'INVOICED']).toContain(delivered.status);
      expect(delivered.deliveredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const history = await ok(HISTORY, { entity: 'order', id: order.id }, as.auditor);
      expect(history.map((e: { type: string }) => e.type).slice(0, 5)).toEqual([
        'OrderPlaced',
        'PaymentFailed',
        'PaymentAuthorized',
        'OrderShipped',
        'OrderDelivered',
      ]);
      const listed = await ok(`query ($f: OrderFilter) { orders(filter: $f, perPage: 500) { total items { id } } }`, { f: { clientId } }, as.accountant);
      expect(listed.items.map((o: { id: string }) => o.id)).toContain(order.id);
    });

    it('cancels an order before shipping', async () => {
      const order = await ok(PLACE, { quoteId: (await acceptedQuote()).id }, as.admin);
      expect(await ok(CANCEL, { id: order.id, reason: 'Client changed plans' }, as.sales)).toEqual({
        id: order.id,
        status: 'CANCELLED',
        cancelReason: 'Client changed plans',
      });
      expect(await refused(AUTHORIZE, { id: order.id, ref: 'x' }, as.sales)).toBe('PAYMENT_NOT_PENDING');
      const cancelled = await ok(`{ orders(filter: { status: CANCELLED }, perPage: 500) { items { id } } }`, {}, as.sales);
      expect(cancelled.items.map((o: { id: string }) => o.id)).toContain(order.id);
    });
  });

  describe('roles', () => {
    it('lets accountants and auditors read but not run catalogue, quote or order commands', async () => {
      const quote = await sentQuote();
      for (const role of ['accountant', 'auditor']) {
        expect(await refused(CREATE_PRODUCT, { input: { sku: `R-${unique()}`, name: 'X', unitPrice: '1', taxRate: '0' } }, as[role])).toBe('FORBIDDEN');
        expect(await refused(DRAFT, { input: { clientId, lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxRate: '0' }] } }, as[role])).toBe(
          'FORBIDDEN',
        );
        expect(await refused(ACCEPT, { id: quote.id }, as[role])).toBe('FORBIDDEN');
        expect(await refused(PLACE, { quoteId: quote.id }, as[role])).toBe('FORBIDDEN');
        expect((await ok(QUOTE, { id: quote.id }, as[role])).status).toBe('SENT');
        await ok(`{ products { total } orders { total } quotes { total } }`, {}, as[role]);
      }
      expect((await ok(QUOTE, { id: quote.id }, as.sales)).status).toBe('SENT');
    });
  });

  describe('tenant isolation', () => {
    it("hides another tenant's quotes, orders and products, and refuses to change them", async () => {
      const widget = await product();
      const quote = await sentQuote();
      await ok(ACCEPT, { id: quote.id }, as.sales);
      const order = await ok(PLACE, { quoteId: quote.id }, as.sales);
      expect((await t.graphql(QUOTE, { id: quote.id }, as.globex)).data.quote).toBeNull();
      expect((await t.graphql(ORDER, { id: order.id }, as.globex)).data.order).toBeNull();
      expect((await t.graphql(`query ($id: ID!) { product(id: $id) { id } }`, { id: widget.id }, as.globex)).data.product).toBeNull();
      const lists = await ok(`{ quotes(perPage: 500) { items { id } } }`, {}, as.globex);
      expect(lists.items.map((q: { id: string }) => q.id)).not.toContain(quote.id);
      expect(await refused(PLACE, { quoteId: quote.id }, as.globex)).toBe('NOT_FOUND');
      expect(await refused(AUTHORIZE, { id: order.id, ref: 'x' }, as.globex)).toBe('NOT_FOUND');
      expect(await refused(SEND, { id: quote.id }, as.globex)).toBe('NOT_FOUND');
      expect(await refused(`mutation ($id: ID!) { changeProductPrice(id: $id, unitPrice: "1") { id } }`, { id: widget.id }, as.globex)).toBe('NOT_FOUND');
      expect(await refused(DRAFT, { input: { clientId: globexClientId, lines: [{ productId: widget.id, quantity: '1' }] } }, as.globex)).toBe('BAD_USER_INPUT');
      expect(await refused(HISTORY, { entity: 'order', id: order.id }, as.globex)).toBe('NOT_FOUND');
    });
  });
});
