import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './support/app';

const ROOT = join(__dirname, '..');
const CHROMIUM = '/usr/bin/chromium';

/** The UI the app serves at /admin, built once; and the browser that drives it. */
const prepare = () => {
  if (!existsSync(join(ROOT, 'admin-ui', 'dist', 'index.html'))) {
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    execFileSync('npm', ['run', '--silent', 'build:admin'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
  execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { cwd: ROOT, stdio: 'inherit' });
};

/** Retries an assertion until it holds (the page renders asynchronously), then fails with its last error. */
const eventually = async (assertion: () => Promise<unknown>, timeoutMs = 15_000) => {
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

// playwright-core has no test runner and so no web-first `expect`: these are the few it needs.
const seen = (locator: Locator) => locator.first().waitFor({ state: 'visible' });
const textOf = (locator: Locator, text: string) => eventually(async () => expect((await locator.first().innerText()).trim()).toBe(text));
/** Fills an input and checks the value stuck: a form that is still initialising may reset it once. */
const fillIn = (locator: Locator, value: string) =>
  eventually(async () => {
    if ((await locator.inputValue()) !== value) await locator.fill(value);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await locator.inputValue()).toBe(value);
  });
/** The input a person finds by its label ("Email *" when required). */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}(\\s*\\*)?$`));
/** Types into an autocomplete and picks one of its options; retried while the form initialises. */
const pick = (page: Page, input: Locator, text: string, option: string) =>
  eventually(async () => {
    await input.fill(text);
    await page.getByRole('option', { name: option }).click({ timeout: 3_000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await input.inputValue()).toBe(option);
  });
const countOf = (locator: Locator, count: number) => eventually(async () => expect(await locator.count()).toBe(count));

jest.setTimeout(180_000);

describe('admin UI in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];
  const consoleErrors: string[] = [];
  const screenshots = mkdtempSync(join(tmpdir(), 'annals-admin-ui-'));

  beforeAll(async () => {
    prepare();
    t = await startTestApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'en-US' });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => browserErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const snap = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

  /** On failure, keeps a screenshot of what the page showed: it says more than the locator that timed out. */
  const showingFailure = (journey: () => Promise<void>) => async () => {
    try {
      await journey();
    } catch (error) {
      const screenshot = join(screenshots, 'failure.png');
      await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
      process.stdout.write(`admin UI failure screenshot: ${screenshot}\nbrowser console errors:\n${consoleErrors.join('\n')}\n`);
      throw error;
    }
  };

  it(
    'takes a lead from capture to client, as a person would',
    showingFailure(async () => {
      const suffix = Math.random().toString(36).slice(2, 8);
      const name = `Hedy Lamarr ${suffix}`;
      const email = `hedy.${suffix}@frequency.example`;

      // Sign in.
      await page.goto(`${t.url}/admin/`);
      await fillIn(field(page, 'Email'), 'admin@acme.test');
      await fillIn(field(page, 'Password'), 'demo');
      await page.getByRole('button', { name: 'Sign in' }).click();

      // The leads list, with the tenant in the title bar and the seeded leads in the grid.
      await textOf(page.getByTestId('tenant-name'), 'Acme Corporation');
      await page.getByRole('menuitem', { name: 'Leads' }).click();
      await seen(page.getByRole('cell', { name: 'Alan Turing' }));
      await snap('leads-list');

      // Capture a lead.
      await page.getByRole('link', { name: 'Create' }).click();
      await page.waitForURL(/#\/leads\/create$/);
      await fillIn(field(page, 'Name'), name);
      await fillIn(field(page, 'Email'), email);
      await fillIn(field(page, 'Company'), 'Frequency Hopping Ltd');
      await fillIn(field(page, 'Phone'), '+1 555 0142');
      await fillIn(field(page, 'Source'), 'trade show');
      await page.getByRole('button', { name: 'Save' }).click();

      // Its page: NEW, so Qualify and Disqualify are offered and Convert is not.
      await seen(page.getByText('Lead captured'));
      await textOf(page.getByTestId('lead-name'), name);
      await textOf(page.getByTestId('lead-status').first(), 'New');
      await seen(page.getByRole('button', { name: 'Disqualify' }));
      await countOf(page.getByRole('button', { name: 'Convert' }), 0);
      await seen(page.getByText(email));

      // Qualify.
      await page.getByRole('button', { name: 'Qualify', exact: true }).click();
      await seen(page.getByText('Lead qualified'));
      await textOf(page.getByTestId('lead-status').first(), 'Qualified');
      await countOf(page.getByRole('button', { name: 'Qualify', exact: true }), 0);
      await countOf(page.getByRole('button', { name: 'Disqualify' }), 0);
      await snap('lead-qualified');

      // The History tab tells what happened, in order: for an admin, the fields each event changed, and who did it...
      await page.getByRole('tab', { name: 'History' }).click();
      const changes = page.getByTestId('timeline-change');
      await countOf(changes, 2);
      await textOf(changes.nth(0).getByTestId('timeline-type'), 'Lead captured');
      await textOf(changes.nth(0).locator('[data-field="name"] [data-testid="after"]'), name);
      await textOf(changes.nth(1).getByTestId('timeline-type'), 'Lead qualified');
      await textOf(changes.nth(1).locator('[data-field="status"] [data-testid="before"]'), 'NEW');
      await textOf(changes.nth(1).locator('[data-field="status"] [data-testid="after"]'), 'QUALIFIED');
      await textOf(changes.nth(1).getByTestId('timeline-actor'), 'Admin');
      // ...and the raw events one click away.
      await page.getByRole('button', { name: 'Raw events' }).click();
      const history = page.getByTestId('event-history');
      await countOf(history.getByRole('row'), 3);
      await seen(history.getByText('Lead captured'));
      await seen(history.getByText('Lead qualified'));
      await seen(history.getByText('admin@acme.test').first());
      await snap('lead-history');

      // Convert: lands on the new client, which links back to its lead.
      await page.getByRole('button', { name: 'Convert' }).click();
      await page.waitForURL(/#\/clients\/[^/]+\/show/);
      await seen(page.getByText(`Lead converted: ${name} is now a client`));
      await textOf(page.getByTestId('client-name'), name);
      await seen(page.getByText('Frequency Hopping Ltd').first());
      expect(await page.getByRole('link', { name }).getAttribute('href')).toMatch(/#\/leads\/[^/]+\/show/);
      await snap('client');

      // The clients list has it; searching by email finds just it.
      await page.getByRole('menuitem', { name: 'Clients' }).click();
      await seen(page.getByRole('cell', { name: 'Ada Lovelace' }));
      await page.getByPlaceholder('Name, email or company').fill(email);
      await countOf(page.getByRole('row'), 2); // header + our client
      await seen(page.getByRole('cell', { name, exact: true }));
      await seen(page.getByRole('cell', { name: email }));

      await snap('clients-list');
      process.stdout.write(`admin UI screenshots in ${screenshots}\n`);

      expect(browserErrors).toEqual([]);
    }),
  );

  it(
    'disqualifies with a reason, and shows the refusal when someone else acted first',
    showingFailure(async () => {
      // Signed in by the first journey; the leads are captured through the API, as another user would.
      const token = await t.login('admin@acme.test');
      const capture = async (name: string) => {
        const result = await t.graphql(
          'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }',
          { input: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com` } },
          { authorization: `Bearer ${token}` },
        );
        expect(result.errors).toBeUndefined();
        return result.data.captureLead.id as string;
      };
      const suffix = Math.random().toString(36).slice(2, 8);
      const unfit = await capture(`Charles Ponzi ${suffix}`);
      const contested = await capture(`Barbara Liskov ${suffix}`);

      // Disqualify: the dialog insists on a reason, which the history then keeps.
      await page.goto(`${t.url}/admin/#/leads/${unfit}/show`);
      await textOf(page.getByTestId('lead-status'), 'New');
      await page.getByRole('button', { name: 'Disqualify' }).click();
      const dialog = page.getByRole('dialog');
      const confirm = dialog.getByRole('button', { name: 'Disqualify' });
      expect(await confirm.isDisabled()).toBe(true);
      await fillIn(field(page, 'Reason'), 'Scheme too good to be true');
      await confirm.click();
      await seen(page.getByText('Lead disqualified'));
      await textOf(page.getByTestId('lead-status'), 'Disqualified');
      await countOf(page.getByRole('button', { name: 'Qualify', exact: true }), 0);
      await countOf(page.getByRole('button', { name: 'Convert' }), 0);
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByRole('button', { name: 'Raw events' }).click();
      await seen(page.getByTestId('event-history').getByText('reason: Scheme too good to be true'));

      // Someone qualifies the lead while the page still shows it NEW: the server refuses the
      // second Qualify, the user reads why, and the page catches up.
      await page.goto(`${t.url}/admin/#/leads/${contested}/show`);
      await textOf(page.getByTestId('lead-status'), 'New');
      const elsewhere = await t.graphql('mutation ($id: ID!) { qualifyLead(id: $id) { status } }', { id: contested }, { authorization: `Bearer ${token}` });
      expect(elsewhere.data.qualifyLead.status).toBe('QUALIFIED');
      await page.getByRole('button', { name: 'Qualify', exact: true }).click();
      await seen(page.getByText('Only a NEW lead can be qualified; this lead is QUALIFIED'));
      await textOf(page.getByTestId('lead-status'), 'Qualified');
      await seen(page.getByRole('button', { name: 'Convert' }));
      await snap('refusal');

      expect(browserErrors).toEqual([]);
    }),
  );

  it(
    'takes a quote to a paid invoice: draft, send, accept, order, pay, ship, deliver, collect',
    showingFailure(async () => {
      const reference = `WIRE-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

      // Signed in as admin by the journeys before; signs in if run alone.
      await page.goto(`${t.url}/admin/#/quotes`);
      await Promise.race([seen(page.getByTestId('tenant-name')), seen(field(page, 'Password'))]);
      if (await field(page, 'Password').isVisible()) {
        await fillIn(field(page, 'Email'), 'admin@acme.test');
        await fillIn(field(page, 'Password'), 'demo');
        await page.getByRole('button', { name: 'Sign in' }).click();
      }
      await textOf(page.getByTestId('tenant-name'), 'Acme Corporation');

      // Draft a quote for a demo client: the product picker fills the line, the form previews the totals.
      await page.getByRole('menuitem', { name: 'Quotes', exact: true }).click();
      await seen(page.getByRole('cell', { name: 'Ada Lovelace' }));
      await page.getByRole('link', { name: 'Create' }).click();
      await page.waitForURL(/#\/quotes\/create$/);
      await pick(page, field(page, 'Client'), 'Ada', 'Ada Lovelace');
      await pick(page, field(page, 'Product'), 'Gadget', 'GAD-200 · Gadget Pro');
      await eventually(async () => expect(await field(page, 'Description').inputValue()).toBe('Gadget Pro'));
      expect(await field(page, 'Unit price').inputValue()).toBe('49.90');
      expect(await field(page, 'Tax %').inputValue()).toBe('20');
      await fillIn(field(page, 'Quantity'), '3');
      await seen(page.getByTestId('quote-form-totals').getByText('179.64 USD'));
      await snap('quote-form');
      await page.getByRole('button', { name: 'Save' }).click();

      // The draft: its line and totals as the server computed them; only Send is offered.
      await seen(page.getByText('Quote drafted'));
      await page.waitForURL(/#\/quotes\/[^/]+\/show/);
      await textOf(page.getByTestId('quote-status'), 'Draft');
      await textOf(page.getByTestId('lines-total'), '179.64 USD');
      await seen(page.getByTestId('lines').getByText('Gadget Pro'));
      await countOf(page.getByRole('button', { name: 'Accept' }), 0);

      // Send, accept, place the order: each button only while the status allows it.
      await page.getByRole('button', { name: 'Send' }).click();
      await textOf(page.getByTestId('quote-status'), 'Sent');
      await countOf(page.getByRole('button', { name: 'Send' }), 0);
      await seen(page.getByRole('button', { name: 'Reject' }));
      await page.getByRole('button', { name: 'Accept' }).click();
      await textOf(page.getByTestId('quote-status'), 'Accepted');
      await countOf(page.getByRole('button', { name: 'Reject' }), 0);
      await snap('quote-accepted');
      await page.getByRole('button', { name: 'Place order' }).click();

      // The order: authorize the payment, ship it, confirm its delivery.
      await page.waitForURL(/#\/orders\/[^/]+\/show/);
      await seen(page.getByText('Order placed'));
      await textOf(page.getByTestId('order-status'), 'Placed');
      await textOf(page.getByTestId('lines-total'), '179.64 USD');
      await countOf(page.getByRole('button', { name: 'Ship' }), 0);
      await page.getByRole('button', { name: 'Authorize payment' }).click();
      let dialog = page.getByRole('dialog');
      await fillIn(field(page, 'Payment reference'), 'AUTH-4242');
      await dialog.getByRole('button', { name: 'Authorize payment' }).click();
      await textOf(page.getByTestId('order-status'), 'Payment authorized');
      await countOf(page.getByRole('dialog'), 0);

      await page.getByRole('button', { name: 'Ship' }).click();
      dialog = page.getByRole('dialog');
      expect(await dialog.getByRole('button', { name: 'Ship' }).isDisabled()).toBe(true);
      await fillIn(field(page, 'Carrier'), 'DHL');
      await fillIn(field(page, 'Tracking number'), 'JD014600006281');
      await dialog.getByRole('button', { name: 'Ship' }).click();
      await textOf(page.getByTestId('order-status'), 'Shipped');
      await countOf(page.getByRole('button', { name: 'Cancel order' }), 0);
      await seen(page.getByText('JD014600006281'));

      // Delivery makes the backend issue the invoice; the page shows it once it is there.
      await page.getByRole('button', { name: 'Confirm delivery' }).click();
      await textOf(page.getByTestId('order-status'), 'Invoiced');
      await snap('order-invoiced');
      await page.getByRole('button', { name: 'Open invoice' }).click();

      // The invoice: issued for the order's total, due in full.
      await page.waitForURL(/#\/invoices\/[^/]+\/show/);
      await eventually(async () => expect(await page.getByTestId('invoice-number').innerText()).toMatch(/^INV-\d{4}-\d{6}$/));
      await textOf(page.getByTestId('invoice-status'), 'Issued');
      await textOf(page.getByTestId('invoice-balance'), '179.64 USD');
      await countOf(page.getByTestId('invoice-overdue'), 0);

      // Record a full payment: the dialog proposes the balance due and today's date.
      await page.getByRole('button', { name: 'Record payment' }).click();
      dialog = page.getByRole('dialog');
      expect(await field(page, 'Amount').inputValue()).toBe('179.64');
      await fillIn(field(page, 'Reference'), reference);
      // More than is due: the server refuses, the dialog stays open with what was typed.
      await fillIn(field(page, 'Amount'), '200.00');
      await dialog.getByRole('button', { name: 'Record payment' }).click();
      await seen(page.getByText(/is more than the balance due of 179\.64 USD/));
      await textOf(page.getByTestId('invoice-status'), 'Issued');
      await fillIn(field(page, 'Amount'), '179.64');
      await snap('payment-dialog');
      await dialog.getByRole('button', { name: 'Record payment' }).click();
      await seen(page.getByText(/is paid in full/));
      await textOf(page.getByTestId('invoice-status'), 'Paid');
      await textOf(page.getByTestId('invoice-balance'), '0.00 USD');
      await seen(page.getByTestId('payments').getByText(reference));
      await countOf(page.getByRole('button', { name: 'Record payment' }), 0);
      await countOf(page.getByRole('button', { name: 'Void' }), 0);
      await snap('invoice-paid');

      // Paid in full closes the order (another process manager).
      await page.getByTestId('invoice-order').getByRole('link').click();
      await page.waitForURL(/#\/orders\/[^/]+\/show/);
      await eventually(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await page.getByTestId('order-status').first().innerText()).trim()).toBe('Closed');
      });
      await snap('order-closed');

      // The books follow: the trial balance still balances.
      await page.getByRole('menuitem', { name: 'Trial balance' }).click();
      await textOf(page.getByTestId('trial-balance-state'), 'Balanced');
      await seen(page.getByTestId('trial-balance').getByRole('link', { name: '1000 Cash' }));
      await snap('trial-balance');

      expect(browserErrors).toEqual([]);
    }),
  );

  it(
    'signs out, and sends a browser holding a stale token back to the login page',
    showingFailure(async () => {
      await page.goto(`${t.url}/admin/#/leads`);
      await seen(page.getByRole('cell', { name: 'Alan Turing' }));
      await page.getByRole('button', { name: 'Profile' }).click();
      await page.getByRole('menuitem', { name: 'Logout' }).click();
      await seen(field(page, 'Password'));
      expect(await page.evaluate("localStorage.getItem('annals.token')")).toBeNull();

      await page.evaluate("localStorage.setItem('annals.token', 'not-a-token')"); // the test's tsconfig has no DOM types
      await page.goto(`${t.url}/admin/#/clients`);
      await seen(field(page, 'Password'));
      await countOf(page.getByRole('cell', { name: 'Ada Lovelace' }), 0);
      expect(browserErrors).toEqual([]);
    }),
  );
  it(
    'offers each role only the commands the server lets it run',
    showingFailure(async () => {
      // Starts signed out (the journey before ends on the login page; a fresh page starts there too).
      await page.goto(`${t.url}/admin/#/login`);
      await fillIn(field(page, 'Email'), 'sales@acme.test');
      await fillIn(field(page, 'Password'), 'demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await textOf(page.getByTestId('tenant-name'), 'Acme Corporation');

      // Sales reads invoices but does not change them...
      await page.getByRole('menuitem', { name: 'Invoices' }).click();
      await page.getByRole('cell', { name: /^INV-/ }).first().click();
      await page.waitForURL(/#\/invoices\/[^/]+\/show/);
      await seen(page.getByTestId('invoice-balance'));
      await countOf(page.getByRole('button', { name: 'Record payment' }), 0);
      await countOf(page.getByRole('button', { name: 'Void' }), 0);

      // ...and sends quotes.
      await page.getByRole('menuitem', { name: 'Quotes', exact: true }).click();
      await page.locator('[data-status="DRAFT"]').first().click();
      await page.waitForURL(/#\/quotes\/[^/]+\/show/);
      await textOf(page.getByTestId('quote-status'), 'Draft');
      await seen(page.getByRole('button', { name: 'Send' }));
      await snap('sales-quote');

      expect(browserErrors).toEqual([]);
    }),
  );
});
