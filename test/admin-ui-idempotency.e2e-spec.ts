import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import { startTestApp, type TestApp } from './support/app';
import { patient } from './support/browser';

/**
 * The admin UI sends an Idempotency-Key with every command, one per click, the same one when the
 * click's request is sent again: a double click, or a retry after the network lost the answer, has
 * one effect. Tried in headless Chromium against the real app.
 */
const ROOT = join(__dirname, '..');

const prepare = () => {
  if (!existsSync(join(ROOT, 'admin-ui', 'dist', 'index.html')))
    execFileSync('npm', ['run', '--silent', 'build:admin'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { cwd: ROOT, stdio: 'inherit' });
};

const eventually = async <T>(assertion: () => Promise<T>, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

jest.setTimeout(180_000);

describe('admin UI: a command has one effect however often its click is sent (real browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let accountant: Record<string, string>;
  let invoiceId: string;
  const commands: { key: string | undefined; body: string }[] = [];
  const consoleErrors: string[] = [];

  const INVOICE = `query ($id: ID!) { invoice(id: $id) { balanceDue payments { reference amount } } }`;
  const paymentsWith = async (reference: string) => {
    const result = await t.graphql(INVOICE, { id: invoiceId }, accountant);
    return result.data.invoice.payments.filter((payment: { reference: string }) => payment.reference === reference);
  };
  const recordPaymentRequests = () => commands.filter((command) => command.body.includes('recordPayment'));

  /** An invoice of its own (the demo's are paid by the seeder meanwhile): a quote taken to delivery, invoiced by the process manager. */
  const deliveredOrderInvoice = async (admin: Record<string, string>) => {
    const run = async (query: string, variables: Record<string, unknown>) => {
      const result = await t.graphql(query, variables, admin);
      expect(result.errors).toBeUndefined();
      return Object.values(result.data as Record<string, { id: string }>)[0];
    };
    const lead = await run(`mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`, {
      input: { name: 'Click Twice', email: 'twice@example.com' },
    });
    await run(`mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id });
    const client = await run(`mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.id });
    const line = { description: 'Consulting', quantity: '1', unitPrice: '500', taxRate: '0' };
    const quote = await run(`mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id } }`, { input: { clientId: client.id, lines: [line] } });
    await run(`mutation ($id: ID!) { sendQuote(id: $id) { id } }`, { id: quote.id });
    await run(`mutation ($id: ID!) { acceptQuote(id: $id) { id } }`, { id: quote.id });
    const order = await run(`mutation ($id: ID!) { placeOrder(quoteId: $id) { id } }`, { id: quote.id });
    await run(`mutation ($id: ID!) { authorizePayment(orderId: $id, reference: "AUTH-1") { id } }`, { id: order.id });
    await run(`mutation ($id: ID!) { shipOrder(orderId: $id, carrier: "UPS", trackingNumber: "1Z1") { id } }`, { id: order.id });
    await run(`mutation ($id: ID!) { confirmDelivery(orderId: $id) { id } }`, { id: order.id });
    return eventually(async () => {
      const result = await t.graphql(`query ($id: ID!) { invoices(filter: { orderId: $id }) { items { id } } }`, { id: order.id }, admin);
      expect(result.data.invoices.items).toHaveLength(1);
      return result.data.invoices.items[0].id as string;
    });
  };

  /** Opens the invoice, its payment dialog, and fills in a payment of 1.00 with this reference. */
  const openPaymentDialog = async (reference: string) => {
    await page.goto(`${t.url}/admin/#/invoices/${invoiceId}/show`);
    await page.getByRole('button', { name: 'Record payment' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ state: 'visible' });
    await eventually(async () => {
      await dialog.getByLabel(/^Amount/).fill('1.00');
      await dialog.getByLabel(/^Reference/).fill(reference);
      expect(await dialog.getByLabel(/^Reference/).inputValue()).toBe(reference);
      expect(await dialog.getByLabel(/^Amount/).inputValue()).toBe('1.00');
    });
    return dialog;
  };

  beforeAll(async () => {
    prepare();
    t = await startTestApp();
    accountant = { authorization: `Bearer ${await t.login('accountant@acme.test')}` };
    invoiceId = await deliveredOrderInvoice({ authorization: `Bearer ${await t.login('admin@acme.test')}` });

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'en-US' });
    patient(page);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('request', (request: Request) => {
      if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
      const body = request.postData() ?? '';
      const query = (JSON.parse(body) as { query?: string }).query ?? '';
      if (/^\s*mutation\b/.test(query)) commands.push({ key: request.headers()['idempotency-key'], body });
    });
    await page.goto(`${t.url}/admin/`);
    await page.getByLabel(/^Email/).fill('accountant@acme.test');
    await page.getByLabel(/^Password/).fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('tenant-name').waitFor({ state: 'visible' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(() => {
    commands.length = 0;
  });

  it('records one payment for a double-clicked confirm button, both clicks sent with one key', async () => {
    const reference = `DOUBLE-${Date.now()}`;
    const dialog = await openPaymentDialog(reference);
    // Two clicks in one task: React has not yet disabled the button for the second, as when a slow page lags behind a quick finger.
    await dialog.locator('button[type="submit"]').evaluate((button: { click(): void }) => {
      button.click();
      button.click();
    });
    await dialog.waitFor({ state: 'hidden' });
    await eventually(async () => expect(recordPaymentRequests()).toHaveLength(2));
    const [first, second] = recordPaymentRequests();
    expect(first.key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second.key).toBe(first.key);
    expect(await paymentsWith(reference)).toEqual([{ reference, amount: '1.00' }]);
  });

  it('records one payment for a native double click', async () => {
    const reference = `DBLCLICK-${Date.now()}`;
    const dialog = await openPaymentDialog(reference);
    await dialog.locator('button[type="submit"]').dblclick();
    await dialog.waitFor({ state: 'hidden' });
    expect(await paymentsWith(reference)).toEqual([{ reference, amount: '1.00' }]);
    expect(new Set(recordPaymentRequests().map((command) => command.key)).size).toBe(1);
  });

  it('records one payment when the answer is lost and the request sent again', async () => {
    const reference = `RETRY-${Date.now()}`;
    let lost = 0;
    await page.route('**/graphql', async (route) => {
      if (lost === 0 && (route.request().postData() ?? '').includes(reference)) {
        lost++;
        await route.fetch(); // the server runs the command...
        return route.abort('timedout'); // ...and its answer never arrives
      }
      return route.continue();
    });
    try {
      const dialog = await openPaymentDialog(reference);
      await dialog.locator('button[type="submit"]').click();
      await dialog.waitFor({ state: 'hidden' });
    } finally {
      await page.unroute('**/graphql');
    }
    expect(lost).toBe(1);
    const sent = recordPaymentRequests();
    expect(sent).toHaveLength(2);
    expect(sent[1].key).toBe(sent[0].key);
    expect(await paymentsWith(reference)).toEqual([{ reference, amount: '1.00' }]);
  });

  it('gives a new click a new key: a second payment on purpose is a second payment', async () => {
    const reference = `TWICE-${Date.now()}`;
    for (let click = 0; click < 2; click++) {
      const dialog = await openPaymentDialog(reference);
      await dialog.locator('button[type="submit"]').click();
      await dialog.waitFor({ state: 'hidden' });
      await new Promise((resolve) => setTimeout(resolve, 1_600)); // past the double-click window
    }
    expect(await paymentsWith(reference)).toHaveLength(2);
    const keys = recordPaymentRequests().map((command) => command.key);
    expect(new Set(keys).size).toBe(2);
    expect(consoleErrors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
  });
});
