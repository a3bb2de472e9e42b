import type { Page } from 'playwright-core';
import { browserSuite, eventually, field, fillIn, gone, patient, seen, textOf } from './support/browser';

jest.setTimeout(180_000);

const STRONG = 'correct horse battery staple 42';

/** A page of its own context (its own storage: nobody signed in). */
const freshPage = async (suite: ReturnType<typeof browserSuite>) => {
  const context = await suite.browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  patient(page);
  return page;
};

/** The part of a link after the host: the app serves the same page on the test's port. */
const onTestApp = (suite: ReturnType<typeof browserSuite>, link: string) => {
  const url = new URL(link);
  return `${suite.t.url}${url.pathname}${url.hash}`;
};

describe('identity screens in a real browser', () => {
  const suite = browserSuite('identity-ui');
  const opened: Page[] = [];
  afterEach(async () => {
    await Promise.all(
      opened.splice(0).map((page) =>
        page
          .context()
          .close()
          .catch(() => undefined),
      ),
    );
  });

  it(
    'an admin invites a user; the invitation link, opened by nobody signed in, sets a password and signs them in once, then is refused',
    suite.journey(async () => {
      const admin = await suite.signIn('admin@acme.test');
      await admin.getByRole('menuitem', { name: 'Users' }).click();
      await seen(admin.getByTestId('user-admin@acme.test'));

      const form = admin.locator('form');
      await fillIn(field(form, 'Email'), 'nina@acme.test');
      await fillIn(field(form, 'Name'), 'Nina Sales');
      await form.getByRole('combobox').click();
      await admin.getByRole('option', { name: 'sales' }).click();
      await form.getByRole('button', { name: 'Invite' }).click();

      const linkField = admin.getByTestId('invitation-url');
      await seen(linkField);
      const link = await linkField.inputValue();
      expect(link).toMatch(/\/admin\/#\/accept-invitation\/.+/);
      const row = admin.getByTestId('user-nina@acme.test');
      await seen(row);
      await textOf(row.getByRole('cell').nth(1), 'Nina Sales');
      await textOf(row.getByRole('cell').nth(3), 'INVITED');

      // A second browser, nobody signed in: the public page sets a password and signs the new user in.
      const invited = await freshPage(suite);
      opened.push(invited);
      await invited.goto(onTestApp(suite, link));
      await seen(invited.getByText('Join annals'));
      await fillIn(field(invited, 'Password'), STRONG);
      await invited.getByRole('button', { name: 'Set password and sign in' }).click();
      await seen(invited.getByTestId('tenant-name'));
      await seen(invited.getByText('nina@acme.test'));
      // A sales person sees the leads, not the users screen (admin and auditor only).
      await invited.getByRole('menuitem', { name: 'Leads' }).click();
      await eventually(async () => expect(invited.url()).toMatch(/#\/leads/));
      await gone(invited.getByRole('menuitem', { name: 'Users' }));
      const me = await invited.evaluate(async () => {
        const token = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('annals.token');
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ me { email role } }' }),
        });
        return (await response.json()) as { data: { me: { email: string; role: string } } };
      });
      expect(me.data.me).toEqual({ email: 'nina@acme.test', role: 'sales' });

      // The admin's list shows them active now.
      await admin.reload();
      await textOf(admin.getByTestId('user-nina@acme.test').getByRole('cell').nth(3), 'ACTIVE');

      // The link is single use: a third browser is refused with the server's message.
      const again = await freshPage(suite);
      opened.push(again);
      await again.goto(onTestApp(suite, link));
      await fillIn(field(again, 'Password'), STRONG);
      await again.getByRole('button', { name: 'Set password and sign in' }).click();
      const alert = again.getByRole('alert');
      await seen(alert);
      expect((await alert.innerText()).trim().length).toBeGreaterThan(10);
      expect(await again.getByTestId('tenant-name').count()).toBe(0);
    }),
  );

  it(
    'an API key shows its secret once, and revoking it marks it revoked',
    suite.journey(async () => {
      const admin = await suite.signIn('admin@acme.test');
      await admin.getByRole('menuitem', { name: 'API keys' }).click();
      const form = admin.locator('form');
      await fillIn(field(form, 'Name'), 'Partner sync');
      await form.getByRole('button', { name: 'Create key' }).click();
      const secretField = admin.getByTestId('api-key-secret');
      await seen(secretField);
      const secret = await secretField.inputValue();
      expect(secret.length).toBeGreaterThan(20);

      const row = admin.getByRole('row').filter({ hasText: 'Partner sync' });
      await seen(row);
      await textOf(row.getByRole('cell').nth(3), 'ACTIVE');
      expect(await row.innerText()).not.toContain(secret);

      // Once: after a reload the secret is nowhere on the page.
      await admin.reload();
      await seen(row);
      expect(await admin.getByTestId('api-key-secret').count()).toBe(0);
      expect(await admin.locator('body').innerText()).not.toContain(secret);

      await row.getByRole('button', { name: 'Revoke' }).click();
      await textOf(row.getByRole('cell').nth(3), 'REVOKED');
      await gone(row.getByRole('button', { name: 'Revoke' }));
    }),
  );
});
