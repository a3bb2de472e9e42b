import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './support/app';
import { patient } from './support/browser';
import { WebhookReceiver } from './support/webhook-receiver';

const ROOT = join(__dirname, '..');

const prepare = () => {
  if (!existsSync(join(ROOT, 'admin-ui', 'dist', 'index.html')))
    execFileSync('npm', ['run', '--silent', 'build:admin'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { cwd: ROOT, stdio: 'inherit' });
};

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
const seen = (locator: Locator) => locator.first().waitFor({ state: 'visible' });
const fillIn = (locator: Locator, value: string) =>
  eventually(async () => {
    if ((await locator.inputValue()) !== value) await locator.fill(value);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await locator.inputValue()).toBe(value);
  });

jest.setTimeout(180_000);

describe('Developers section in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const receiver = new WebhookReceiver();
  const screenshots = mkdtempSync(join(tmpdir(), 'annals-developers-ui-'));

  beforeAll(async () => {
    prepare();
    await receiver.start();
    t = await startTestApp({ webhooks: { allowPrivateNetworks: true, retrySchedule: [0, 1] } });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.url });
    page = await context.newPage();
    patient(page);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await receiver.stop();
  });

  it('creates an endpoint (secret shown once), follows its deliveries, resends, disables, rotates, tests, replays, and reads the catalogue', async () => {
    try {
      await page.goto(`${t.url}/admin/`);
      await fillIn(page.getByLabel(/^Email/), 'admin@acme.test');
      await fillIn(page.getByLabel(/^Password/), 'demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('menuitem', { name: 'Webhooks' }).click();
      await page.getByRole('link', { name: 'New webhook endpoint' }).click();

      await fillIn(page.getByLabel(/^URL/), receiver.url('/ui'));
      await fillIn(page.getByLabel(/^Description/), 'Partner CRM feed');
      await page.getByLabel(/^Event types/).fill('crm.');
      await page.getByRole('option', { name: 'crm.*' }).click();
      await page.getByRole('button', { name: 'Create endpoint' }).click();

      const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
      expect(secret).toMatch(/^whsec_/);
      receiver.secrets.push(secret);
      await page.getByRole('button', { name: 'Copy' }).click();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
      await page.getByRole('link', { name: 'Open the endpoint' }).click();
      await seen(page.getByText('Partner CRM feed'));
      expect(await page.content()).not.toContain(secret);

      // A business event: the receiver gets it, and the log shows it with its attempt.
      const admin = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
      await t.graphql(`mutation { captureLead(input: { name: "Katherine Johnson", email: "katherine@example.com" }) { id } }`, {}, admin);
      await receiver.until((r) => r.length >= 1, 30_000, 'the captured lead');
      await eventually(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        await seen(page.getByRole('cell', { name: 'crm.lead.captured.v1' }));
        await seen(page.locator('[data-status="SUCCEEDED"]'));
      }, 20_000);
      await page.getByRole('cell', { name: 'crm.lead.captured.v1' }).click();
      await seen(page.getByTestId('delivery-detail').getByText('Katherine Johnson'));
      await page.getByTestId('delivery-detail').getByRole('button', { name: 'Resend' }).click();
      await receiver.until((r) => r.length >= 2, 30_000, 'the resend');
      expect(receiver.received[1].id).toBe(receiver.received[0].id);

      // Disable, enable.
      await page.getByRole('button', { name: 'Disable' }).click();
      await seen(page.locator('[data-status="DISABLED"]'));
      await page.getByRole('button', { name: 'Enable' }).click();
      await seen(page.locator('[data-status="ACTIVE"]'));

      // Rotate: the new secret once, in a dialog; both sign.
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      const rotated = (await page.getByRole('dialog').getByTestId('webhook-secret').innerText()).trim();
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);
      receiver.secrets.push(rotated);
      await page.getByRole('button', { name: 'Done' }).click();

      // A test webhook of a type picked from the catalogue.
      await page.getByRole('button', { name: 'Send test' }).click();
      await page.getByLabel('Event type of the test').click();
      await page.getByRole('option', { name: 'crm.client.registered.v1' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Send test' }).click();
      await receiver.until((r) => r.some((x) => x.event.test === true), 30_000, 'the test webhook');
      expect(receiver.received.find((x) => x.event.test === true)!.verifiedBy).toEqual([0, 1]);

      // Replay from a date: the original ids again.
      await page.getByLabel('Replay from').fill('2020-01-01T00:00');
      await page.getByRole('button', { name: 'Replay from' }).click();
      await seen(page.getByText(/deliveries scheduled again/));
      await receiver.until((r) => r.filter((x) => x.id === receiver.received[0].id).length >= 3, 30_000, 'the replay');

      // The catalogue.
      await page.getByRole('menuitem', { name: 'Event catalogue' }).click();
      await page.getByTestId('event-type-crm.lead.captured.v1').click();
      await seen(page.getByTestId('event-type-crm.lead.captured.v1').getByTestId('event-example'));
      expect(await page.getByTestId('event-type-crm.lead.captured.v1').getByTestId('event-example').innerText()).toContain('"leadId"');
      await page.screenshot({ path: join(screenshots, 'catalogue.png'), fullPage: true });
    } catch (error) {
      const screenshot = join(screenshots, 'failure.png');
      await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
      process.stdout.write(`developers UI failure screenshot: ${screenshot}\n`);
      throw error;
    }
  });
});
