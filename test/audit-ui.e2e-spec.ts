import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from './support/app';
import { patient } from './support/browser';

const ROOT = join(__dirname, '..');
const REGISTER = `mutation ($input: RegisterClientInput!) { registerClient(input: $input) { id } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateClientDetailsInput!) { updateClientDetails(id: $id, input: $input) { id } }`;
const VERIFY = `query { verifyLog { headPosition } }`;
const HEAD = `query { auditLog(perPage: 1) { items { position } } }`;

jest.setTimeout(180_000);

describe('the Audit section of the admin UI (real Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let clientId: string;
  let betweenUpdates: string;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'admin-ui', 'dist', 'index.html')))
      execFileSync('npm', ['run', '--silent', 'build:admin'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { cwd: ROOT, stdio: 'inherit' });
    t = await startTestApp();
    const sales = { authorization: `Bearer ${await t.login('sales@acme.test')}` };
    clientId = (await t.graphql(REGISTER, { input: { name: 'Dorothy Vaughan', email: `dv.${Date.now()}@example.com` } }, sales)).data.registerClient.id;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    betweenUpdates = new Date().toISOString().slice(0, 19);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await t.graphql(UPDATE, { id: clientId, input: { name: 'Dorothy J. Vaughan', phone: '+1 555 0199' } }, sales);
    // Until the chain covers every event (the verification page says so).
    const auditor = { authorization: `Bearer ${await t.login('auditor@acme.test')}` };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [head, chain] = [await t.graphql(HEAD, {}, auditor), await t.graphql(VERIFY, {}, auditor)];
      if (chain.data.verifyLog.headPosition === head.data.auditLog.items[0].position) break;
      if (Date.now() > deadline) throw new Error('the chain did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = patient(await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'en-US', timezoneId: 'UTC', acceptDownloads: true }));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("an auditor filters the log, exports it as CSV, reads a record's field changes and the record as it was, follows its thread, and verifies the log", async () => {
    await page.goto(`${t.url}/admin/`);
    await page.getByLabel(/^Email/).fill('auditor@acme.test');
    await page.getByLabel(/^Password/).fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    await page.getByTestId('audit-row').first().waitFor();

    await page.getByLabel('Record id').fill(clientId);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('2 events').waitFor();
    expect(await page.getByTestId('audit-row').count()).toBe(2);
    expect(await page.getByTestId('audit-log').innerText()).toMatch(/\tSales\b.*\tClientRegistered\t127.0.0.1/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('position,recordedAt,entity,entityId,type,actorId,actorKind,actorName,actorEmail,correlationId,causationId,ip,userAgent,data');
    expect(csv).toHaveLength(3);
    expect(csv.slice(1).every((line) => line.includes(clientId) && line.includes(',client,'))).toBe(true);
    expect(csv[1]).toContain('ClientDetailsUpdated');

    await page
      .getByRole('link', { name: `client ${clientId.slice(0, 8)}` })
      .first()
      .click();
    await page.getByTestId('timeline-change').nth(1).waitFor();
    const latest = await page.getByTestId('timeline-change').nth(1).innerText();
    expect(latest).toContain('Dorothy J. Vaughan');
    expect(latest).toContain('+1 555 0199');
    await page.getByTestId('known-at-picker').fill(betweenUpdates);
    await page.getByTestId('known-at-record').waitFor();
    await page.locator('[data-testid="known-at-record"] [data-field="name"]').getByText('Dorothy Vaughan', { exact: true }).waitFor();
    expect(await page.locator('[data-testid="known-at-record"] [data-field="phone"]').innerText()).toBe('—');
    await page.getByTestId('known-at-picker').fill('2020-01-01T00:00:00');
    await page.getByTestId('known-at-none').waitFor();

    await page.getByTestId('timeline-change').first().getByRole('link', { name: 'Thread' }).click();
    await page.getByTestId('thread-step').first().waitFor();
    expect(await page.getByTestId('audit-thread').innerText()).toContain('ClientRegistered');

    await page.getByRole('menuitem', { name: 'Books as known at' }).click();
    await page.getByTestId('reports-run').click();
    await page.getByTestId('reports-trial-balance').waitFor();
    await page.getByTestId('reports-aging').waitFor();

    await page.getByRole('menuitem', { name: 'Log verification' }).click();
    await page.getByTestId('verify-run').click();
    await page
      .getByTestId('verify-result')
      .getByText(/The log is intact: \d+ events verified/)
      .waitFor();
  });

  it('is not offered to sales, and the server refuses them anyway', async () => {
    await page.evaluate('localStorage.clear()');
    await page.goto(`${t.url}/admin/`);
    await page.getByLabel(/^Email/).fill('sales@acme.test');
    await page.getByLabel(/^Password/).fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('menuitem', { name: 'Leads' }).first().waitFor();
    expect(await page.getByRole('menuitem', { name: 'Audit log' }).count()).toBe(0);
    await page.goto(`${t.url}/admin/#/audit`);
    await page
      .getByText(/may not read auditLog/)
      .first()
      .waitFor();
  });
});
