import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Notifier } from '../src/notifications/application/notifier';
import { startTestApp, type TestApp } from './support/app';
import { patient } from './support/browser';
import { eventually } from './support/smtp';

const ROOT = join(__dirname, '..');

jest.setTimeout(180_000);

describe('notifications in the admin UI (real Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const screenshots = mkdtempSync(join(tmpdir(), 'annals-notifications-ui-'));
  let invoice: { id: string; number: string };

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'admin-ui', 'dist', 'index.html')))
      execFileSync('npm', ['run', '--silent', 'build:admin'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { cwd: ROOT, stdio: 'inherit' });
    t = await startTestApp();
    const token = await t.login('accountant@acme.test');
    invoice = (await t.graphql(`{ invoices(perPage: 1) { items { id number } } }`, {}, { authorization: `Bearer ${token}` })).data.invoices.items[0];
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: 1360, height: 860 }, locale: 'en-US' });
    patient(page);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const badge = async () => await page.getByTestId('notification-bell').getAttribute('data-unread');
  const overdue = () => ({
    specversion: '1.0' as const,
    id: randomUUID(),
    source: '/annals/orders',
    type: 'billing.invoice.overdue.v1',
    subject: invoice.id,
    time: new Date().toISOString(),
    datacontenttype: 'application/json' as const,
    tenantid: 'acme',
    data: {
      invoiceId: invoice.id,
      number: invoice.number,
      clientId: randomUUID(),
      clientName: 'Apollo Guidance',
      currency: 'USD',
      total: 191999,
      dueOn: '2026-11-01',
    },
  });

  it('shows a notification that arrives while the page is open, without a reload; a click opens the record and marks it read', async () => {
    try {
      await page.goto(`${t.url}/admin/`);
      await page.getByLabel(/^Email/).fill('accountant@acme.test');
      await page.getByLabel(/^Password/).fill('demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('notification-bell').waitFor();
      // The subscription is up (the badge shows no unread) before anything happens.
      await eventually(async () => (await badge()) === '0', 15_000, 'an empty badge');
      await eventually(async () => (await page.getByTestId('notification-bell').getAttribute('data-live')) === 'true', 15_000, 'the live subscription');
      await page.waitForTimeout(1000);
      // A mark on the page's window: a reload would wipe it.
      await page.evaluate('window.__sameDocument = true');

      await t.app.get(Notifier).handle([overdue()]);
      await eventually(async () => (await badge()) === '1', 10_000, 'the badge to show 1');
      await page.getByText(`Invoice ${invoice.number} is overdue`).first().waitFor(); // the toast
      await page.screenshot({ path: join(screenshots, 'arrived.png') });

      await page.getByTestId('notification-bell').click();
      const item = page.getByTestId('notification-item').first();
      await item.waitFor();
      expect(await item.innerText()).toContain(`Invoice ${invoice.number} for Apollo Guidance is`);
      await page.screenshot({ path: join(screenshots, 'drawer.png') });
      await item.click();
      await page.waitForURL(new RegExp(`#/invoices/${invoice.id}/show$`));
      await eventually(async () => (await badge()) === '0', 10_000, 'the badge to clear once read');
      expect(await page.evaluate('window.__sameDocument')).toBe(true);

      // The inbox lists it, read; the unread filter leaves it out.
      await page.goto(`${t.url}/admin/#/notifications`);
      await page.getByTestId('notification-inbox').getByText(`Invoice ${invoice.number} is overdue`).first().waitFor();
      await page.getByLabel('Unread only').check();
      await eventually(async () => (await page.getByText(`Invoice ${invoice.number} is overdue`).count()) === 0, 10_000, 'the unread filter');

      // Preferences from the user menu: the switches, and the digest.
      await page.goto(`${t.url}/admin/#/notification-preferences`);
      const emailSwitch = page.getByLabel('An invoice is overdue: By email');
      await emailSwitch.waitFor();
      // Off and disabled until the preferences are loaded, then on (the default for invoice.overdue).
      await eventually(async () => (await emailSwitch.isEnabled()) && (await emailSwitch.isChecked()), 10_000, 'the loaded preference');
      await emailSwitch.click();
      await page.getByText('Preference saved').first().waitFor();
      await eventually(async () => !(await emailSwitch.isChecked()), 5_000, 'the switch to show off');
      const preferences = await t.graphql(
        `{ notificationPreferences { type channel enabled } }`,
        {},
        { authorization: `Bearer ${await t.login('accountant@acme.test')}` },
      );
      expect(preferences.data.notificationPreferences).toContainEqual({ type: 'invoice.overdue', channel: 'EMAIL', enabled: false });
      expect(await page.getByLabel('A webhook endpoint is disabled: In the app').isDisabled()).toBe(true);
      await page.screenshot({ path: join(screenshots, 'preferences.png'), fullPage: true });
    } catch (error) {
      await page.screenshot({ path: join(screenshots, 'failure.png'), fullPage: true }).catch(() => undefined);
      process.stdout.write(`notifications UI failure screenshot: ${join(screenshots, 'failure.png')}\n`);
      throw error;
    }
  });

  it('shows admins the outbox of emails kept without SMTP', async () => {
    await page.evaluate('localStorage.clear()');
    await page.goto(`${t.url}/admin/#/login`);
    await page.getByLabel(/^Email/).fill('admin@acme.test');
    await page.getByLabel(/^Password/).fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('notification-bell').waitFor();
    await t.app.get(Notifier).handle([
      {
        ...overdue(),
        type: 'webhooks.endpoint.disabled.v1',
        data: { endpointId: randomUUID(), url: 'https://partner.example/hooks', consecutiveFailures: 5 },
      },
    ]);
    await page.getByRole('menuitem', { name: 'Outbox' }).click();
    await page.getByTestId('outbox').getByText('Webhook endpoint disabled: https://partner.example/hooks').first().waitFor();
    await page.getByText('Kept (no SMTP)').first().waitFor();
    await page.screenshot({ path: join(screenshots, 'outbox.png'), fullPage: true });
  });
});
