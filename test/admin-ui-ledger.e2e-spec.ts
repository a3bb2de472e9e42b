import { browserSuite, countOf, expectAccessible, field, fillIn, seen, textOf, yesterday } from './support/browser';
import type { Page } from 'playwright-core';

jest.setTimeout(180_000);

const unique = () => Math.random().toString(36).slice(2, 8);

/** Bars recharts drew in a chart (an SVG path per non-zero value). */
const bars = (page: Page, testId: string) => page.getByTestId(testId).locator('.recharts-bar-rectangle path');

describe('the dashboard, the ledger, French and accessibility in a real browser', () => {
  const suite = browserSuite('admin-ui-ledger');

  it(
    'draws each role its dashboard from the demo data',
    suite.journey(async () => {
      const admin = await suite.signIn('admin@acme.test');
      await seen(admin.getByTestId('dashboard'));
      for (const chart of ['chart-pipeline-status', 'chart-pipeline-source', 'chart-revenue', 'chart-aging']) {
        await seen(bars(admin, chart));
      }
      await seen(admin.getByTestId('panel-overdue'));
      await textOf(admin.getByTestId('quotes-waiting-count'), /^[1-9]\d*$/);
      await expectAccessible(admin, 'dashboard');

      const sales = await suite.signIn('sales@acme.test');
      await seen(bars(sales, 'chart-pipeline-status'));
      await seen(sales.getByTestId('panel-my-tasks'));
      await countOf(sales.getByTestId('panel-revenue'), 0);

      const accountant = await suite.signIn('accountant@acme.test');
      await seen(bars(accountant, 'chart-revenue'));
      await seen(bars(accountant, 'chart-aging'));
      await countOf(accountant.getByTestId('panel-pipeline-status'), 0);
    }),
  );

  it(
    'locks a period, then shows the refusal of a posting dated in it in the server words',
    suite.journey(async () => {
      const page = await suite.signIn('accountant@acme.test');
      await page.getByRole('menuitem', { name: 'Lock period' }).click();
      await page.getByRole('button', { name: 'Lock the books' }).click();
      const dialog = page.getByRole('dialog');
      await fillIn(field(dialog, 'Locked through'), yesterday());
      await dialog.getByRole('button', { name: 'Lock the books' }).click();
      await seen(page.getByText('Period locked'));
      await textOf(page.getByTestId('locked-through'), new RegExp(`locked through ${yesterday()}`));

      await page.getByRole('menuitem', { name: 'Journal entries' }).click();
      await page.getByRole('link', { name: 'Create' }).click();
      await fillIn(field(page, 'Date'), yesterday());
      await fillIn(field(page, 'Memo'), `Late accrual ${unique()}`);
      const accounts = page.getByLabel(/^Account/);
      for (const [index, [search, option, side]] of (
        [
          ['6000', /^6000/, 'Debit'],
          ['3000', /^3000/, 'Credit'],
        ] as const
      ).entries()) {
        await accounts.nth(index).fill(search);
        await page.getByRole('option', { name: option }).first().click();
        await fillIn(page.getByLabel(new RegExp(`^${side}`)).nth(index), '10.00');
      }
      await page.getByRole('button', { name: 'Save' }).click();
      await seen(page.getByText(`The books are locked through ${yesterday()}; date the entry after that`));
    }),
  );

  it(
    'works in French: the language from the user menu, a client registered and archived, amounts as French writes them',
    suite.journey(async () => {
      const page = await suite.signIn('sales@acme.test');
      await page.getByRole('button', { name: 'Profile' }).click();
      await page.getByRole('menuitem', { name: 'Français' }).click();
      await seen(page.getByRole('heading', { name: 'Tableau de bord' }));
      await seen(page.getByText('Pipeline par statut'));

      await page.getByRole('menuitem', { name: 'Clients', exact: true }).click();
      await page.getByRole('link', { name: 'Créer' }).click();
      const name = `Marie Curie ${unique()}`;
      await fillIn(field(page, 'Nom'), name);
      await fillIn(field(page, 'E-mail'), `marie.${unique()}@radium.example`);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await seen(page.getByText('Client enregistré'));
      await textOf(page.getByTestId('client-name'), name);
      await seen(page.getByText('Chiffre d’affaires cumulé'));
      // French writes a decimal comma.
      await seen(page.getByTestId('client-figures').getByText('0,00 USD').first());
      await page.getByRole('button', { name: 'Archiver' }).click();
      const dialog = page.getByRole('dialog');
      await seen(dialog.getByText(`Archiver ${name} ?`));
      await dialog.getByRole('button', { name: 'Archiver' }).click();
      await seen(page.getByText('Client archivé'));
      await seen(page.getByRole('button', { name: 'Restaurer' }));
      // A refusal is the server's (English) sentence, shown as it was said.
      await page.getByRole('tab', { name: 'Activités' }).click();
      await page.getByRole('button', { name: 'Noter une activité' }).click();
      await fillIn(field(page.getByRole('dialog'), 'Objet'), 'Relancer');
      await page.getByRole('dialog').getByRole('button', { name: 'Noter une activité' }).click();
      await seen(page.getByText('This client is archived; restore it before logging activities on it'));
    }),
  );

  it(
    'finds no serious accessibility violation on a list, a show page, a form and a dialog',
    suite.journey(async () => {
      const page = await suite.signIn('admin@acme.test');
      await page.getByRole('menuitem', { name: 'Clients', exact: true }).click();
      await seen(page.getByRole('cell', { name: 'Ada Lovelace' }));
      await expectAccessible(page, 'clients list');
      await page.getByRole('cell', { name: 'Ada Lovelace' }).first().click();
      await seen(page.getByTestId('client-figures'));
      await expectAccessible(page, 'client page');
      await page.getByRole('button', { name: 'Archive' }).click();
      await seen(page.getByRole('dialog'));
      await expectAccessible(page, 'archive dialog');
      await page.keyboard.press('Escape');
      await countOf(page.getByRole('dialog'), 0);
      await page.getByRole('link', { name: 'Edit' }).click();
      await seen(field(page, 'Name'));
      await expectAccessible(page, 'client form');
      // Keyboard only: the form's first input has the focus, Tab reaches the next one.
      await page.keyboard.press('Tab');
      expect(await page.locator(':focus').getAttribute('name')).toBe('email');
    }),
  );
});
