import type { Page } from 'playwright-core';
import { browserSuite, countOf, eventually, expectAccessible, seen, textOf } from './support/browser';

jest.setTimeout(180_000);

const CAPTURE = 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }';
const QUALIFY = 'mutation ($id: ID!) { qualifyLead(id: $id) { status } }';
const CHANGES = 'query ($id: ID!) { changes(entity: "lead", id: $id) { revision recordedAt } }';

/** The `datetime-local` value (the page's own time zone, to the second) of an instant. */
const pickerValue = (page: Page, instant: number) =>
  page.evaluate((ms) => {
    const date = new Date(ms);
    return new Date(ms - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  }, instant);

describe("a record page's History tab by role (real Chromium)", () => {
  const suite = browserSuite('record-timeline-ui');
  const name = `Hedy Lamarr ${Math.random().toString(36).slice(2, 8)}`;
  let leadId: string;
  let captured: number;

  beforeAll(async () => {
    const as = async (email: string) => ({ authorization: `Bearer ${await suite.t.login(email)}` });
    const [sales, admin, auditor] = [await as('sales@acme.test'), await as('admin@acme.test'), await as('auditor@acme.test')];
    const capture = await suite.t.graphql(
      CAPTURE,
      { input: { name, email: `hedy.${Date.now()}@example.com`, company: 'Frequency Hopping', source: 'web' } },
      sales,
    );
    expect(capture.errors).toBeUndefined();
    leadId = capture.data.captureLead.id;
    const first = await suite.t.graphql(CHANGES, { id: leadId }, auditor);
    captured = new Date(first.data.changes[0].recordedAt).getTime();
    // The picker counts in seconds: qualify after the next whole second, so that second lies between the two changes.
    const between = Math.ceil(captured / 1000) * 1000;
    await eventually(async () => expect(Date.now()).toBeGreaterThan(between + 50), 5_000);
    expect((await suite.t.graphql(QUALIFY, { id: leadId }, admin)).data.qualifyLead.status).toBe('QUALIFIED');
  });

  it(
    'shows an auditor who changed which field from what to what, the record as known at a moment between two changes, and the raw events on request',
    suite.journey(async () => {
      const page = await suite.signIn('auditor@acme.test');
      await page.goto(`${suite.t.url}/admin/#/leads/${leadId}/show/history`);
      const changes = page.getByTestId('timeline-change');
      await countOf(changes, 2);

      const captureRow = changes.nth(0);
      await textOf(captureRow.getByTestId('timeline-type'), 'Lead captured');
      await textOf(captureRow.getByTestId('timeline-actor'), 'Sales');
      const nameRow = captureRow.locator('[data-testid="timeline-field"][data-field="name"]');
      await textOf(nameRow.getByTestId('before'), '—');
      await textOf(nameRow.getByTestId('after'), name);
      await textOf(captureRow.locator('[data-field="status"]').getByTestId('after'), 'NEW');

      const qualifyRow = changes.nth(1);
      await textOf(qualifyRow.getByTestId('timeline-type'), 'Lead qualified');
      await textOf(qualifyRow.getByTestId('timeline-actor'), 'Admin');
      const statusRow = qualifyRow.locator('[data-testid="timeline-field"][data-field="status"]');
      await textOf(statusRow.getByTestId('before'), 'NEW');
      await textOf(statusRow.getByTestId('after'), 'QUALIFIED');
      // Only what the event changed: the name stayed as it was.
      await countOf(qualifyRow.locator('[data-testid="timeline-field"][data-field="name"]'), 0);

      // As known at the second between the capture and the qualification: still NEW, and it says what it is now.
      const picker = page.getByTestId('known-at-picker');
      await picker.fill(await pickerValue(page, Math.ceil(captured / 1000) * 1000));
      const asKnown = page.getByTestId('known-at-record');
      await textOf(asKnown.locator('[data-field="status"]'), 'NEW');
      await textOf(asKnown.locator('[data-now="status"]'), 'QUALIFIED');
      await textOf(asKnown.locator('[data-field="name"]'), name);
      await textOf(asKnown.locator('[data-field="company"]'), 'Frequency Hopping');

      // Before the capture the record did not exist; at the qualification's own instant it is QUALIFIED.
      await picker.fill(await pickerValue(page, Math.floor(captured / 1000) * 1000 - 1000));
      await seen(page.getByTestId('known-at-none'));
      await qualifyRow.getByRole('button', { name: 'Show as it was then' }).click();
      await textOf(asKnown.locator('[data-field="status"]'), 'QUALIFIED');
      await textOf(asKnown.locator('[data-now="status"]'), '');

      // The raw events are one click away.
      await page.getByRole('button', { name: 'Raw events' }).click();
      const raw = page.getByTestId('event-history');
      await countOf(raw.getByRole('row'), 3);
      await seen(raw.getByText('Lead captured'));
      await seen(raw.getByText('Lead qualified'));
      await countOf(page.getByTestId('record-timeline'), 0);
      await page.getByRole('button', { name: 'Field changes' }).click();
      await countOf(changes, 2);
    }),
  );

  it(
    'keeps the raw events for a sales user, with no timeline (the server answers changes to auditors only)',
    suite.journey(async () => {
      const page = await suite.signIn('sales@acme.test');
      await page.goto(`${suite.t.url}/admin/#/leads/${leadId}/show/history`);
      const raw = page.getByTestId('event-history');
      await countOf(raw.getByRole('row'), 3);
      await seen(raw.getByText('Lead captured'));
      await seen(raw.getByText('Lead qualified'));
      await seen(raw.getByText('sales@acme.test'));
      await countOf(page.getByTestId('record-timeline'), 0);
      await countOf(page.getByRole('button', { name: 'Raw events' }), 0);
      await countOf(page.getByTestId('known-at-picker'), 0);
    }),
  );

  it(
    'gives an auditor the same timeline on every record page with a History tab',
    suite.journey(async () => {
      const auditor = { authorization: `Bearer ${await suite.t.login('auditor@acme.test')}` };
      const page = await suite.signIn('auditor@acme.test');
      const pages: [string, string][] = [
        ['leads', 'lead'],
        ['clients', 'client'],
        ['products', 'product'],
        ['quotes', 'quote'],
        ['orders', 'order'],
        ['invoices', 'invoice'],
        ['journalEntries', 'journalEntry'],
      ];
      for (const [resource, entity] of pages) {
        const list = await suite.t.graphql(`{ ${resource}(perPage: 1, sortOrder: ASC) { items { id } } }`, {}, auditor);
        const id = list.data[resource].items[0]?.id as string;
        expect([resource, typeof id]).toEqual([resource, 'string']);
        const answer = await suite.t.graphql(`query ($id: ID!) { changes(entity: "${entity}", id: $id) { revision type actor { name } } }`, { id }, auditor);
        const expected = answer.data.changes as { revision: number; type: string; actor: { name: string } }[];
        await page.goto(`${suite.t.url}/admin/#/${resource}/${id}/show/history`);
        const rows = page.getByTestId('timeline-change');
        await countOf(rows, expected.length);
        const last = expected[expected.length - 1];
        const inWords = last.type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
        await textOf(rows.last().getByTestId('timeline-type'), inWords.charAt(0).toUpperCase() + inWords.slice(1));
        expect(await rows.last().getAttribute('data-revision')).toBe(String(last.revision));
        await seen(page.getByTestId('known-at-picker'));
        if (resource === 'leads') await expectAccessible(page, "a lead's field changes");
      }
    }),
  );

  describe('menus by role: each entry only for the roles the server answers', () => {
    const menu = (page: Page, name: string) => page.getByRole('menuitem', { name, exact: true });
    const NOT_FOR_STAFF = ['Webhooks', 'Event catalogue', 'Users', 'API keys', 'Settings', 'Outbox', 'Audit log', 'Books as known at', 'Log verification'];

    it(
      'offers sales and accountants no Developers, Users or Audit entries',
      suite.journey(async () => {
        for (const [email, roleEntry] of [
          ['sales@acme.test', 'Pipeline'],
          ['accountant@acme.test', 'Lock period'],
        ]) {
          const page = await suite.signIn(email);
          // An entry only this role sees: the role has loaded, so what is missing is left out, not late.
          await seen(menu(page, roleEntry));
          await seen(menu(page, 'Leads'));
          for (const entry of NOT_FOR_STAFF) await countOf(menu(page, entry), 0);
          // The server refuses them anyway.
          await page.goto(`${suite.t.url}/admin/#/webhookEndpoints`);
          await seen(page.getByText(/may not read webhookEndpoints/));
        }
      }),
    );

    it(
      'offers an auditor the Audit section and the webhook endpoints, which open',
      suite.journey(async () => {
        const page = await suite.signIn('auditor@acme.test');
        for (const entry of ['Audit log', 'Books as known at', 'Log verification', 'Webhooks', 'Event catalogue', 'Users', 'API keys'])
          await seen(menu(page, entry));
        for (const entry of ['Settings', 'Outbox', 'Pipeline', 'Lock period']) await countOf(menu(page, entry), 0);
        await menu(page, 'Webhooks').click();
        await page.waitForURL(/#\/webhookEndpoints$/);
        await seen(page.getByPlaceholder('Search'));
        await countOf(page.getByText(/may not read/), 0);
        await countOf(page.getByRole('link', { name: 'New webhook endpoint' }), 0);
      }),
    );
  });
});
