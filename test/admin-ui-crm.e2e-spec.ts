import { browserSuite, countOf, eventually, field, fillIn, seen, textOf } from './support/browser';

jest.setTimeout(180_000);

const unique = () => Math.random().toString(36).slice(2, 8);

describe('the CRM back office in a real browser', () => {
  const suite = browserSuite('admin-ui-crm');

  it(
    'registers a client, edits it, archives and restores it, and adds a contact and an address',
    suite.journey(async () => {
      const page = await suite.signIn('sales@acme.test');
      const name = `Grace Brewster ${unique()}`;

      await page.getByRole('menuitem', { name: 'Clients' }).click();
      await page.getByRole('link', { name: 'Create' }).click();
      await fillIn(field(page, 'Name'), name);
      await fillIn(field(page, 'Email'), `grace.${unique()}@navy.example`);
      await fillIn(field(page, 'Company'), 'Harvard Mark I');
      await page.getByRole('button', { name: 'Save' }).click();
      await seen(page.getByText('Client registered'));
      await textOf(page.getByTestId('client-name'), name);
      // A new client: no orders, nothing owed.
      await seen(page.getByTestId('client-figures').getByText('0.00 USD').first());

      // Edit its details.
      await page.getByRole('link', { name: 'Edit' }).click();
      await fillIn(field(page, 'Phone'), '+1 555 0199');
      await fillIn(field(page, 'Company'), 'Eckert-Mauchly');
      await page.getByRole('button', { name: 'Save' }).click();
      await seen(page.getByText('Client details saved'));
      await seen(page.getByText('Eckert-Mauchly').first());
      await seen(page.getByText('+1 555 0199'));

      // Archive: the client takes no change until restored, so only Restore is offered.
      await page.getByRole('button', { name: 'Archive' }).click();
      let dialog = page.getByRole('dialog');
      await fillIn(field(dialog, 'Reason'), 'Moved to a partner');
      await dialog.getByRole('button', { name: 'Archive' }).click();
      await seen(page.getByText('Client archived'));
      await seen(page.getByTestId('client-archived'));
      await countOf(page.getByRole('link', { name: 'Edit' }), 0);
      await countOf(page.getByRole('button', { name: 'Archive' }), 0);
      await page.getByRole('button', { name: 'Restore' }).click();
      await seen(page.getByText('Client restored'));
      await countOf(page.getByTestId('client-archived'), 0);
      await seen(page.getByRole('button', { name: 'Archive' }));

      // The list shows archived clients only when asked to.
      await page.getByRole('menuitem', { name: 'Clients' }).click();
      await seen(page.getByRole('cell', { name, exact: true }));
      await page.goBack();

      // A contact and an address.
      await page.getByRole('tab', { name: 'Contacts and addresses' }).click();
      await page.getByRole('button', { name: 'Add contact' }).click();
      dialog = page.getByRole('dialog');
      await fillIn(field(dialog, 'Name'), 'Howard Aiken');
      await fillIn(field(dialog, 'Email'), 'howard@harvard.example');
      await fillIn(field(dialog, 'Role'), 'Buyer');
      await dialog.getByRole('button', { name: 'Add contact' }).click();
      await seen(page.getByText('Contact added'));
      await seen(page.getByTestId('contact').getByText('Howard Aiken'));
      await page.getByRole('button', { name: 'Set billing address' }).click();
      dialog = page.getByRole('dialog');
      await fillIn(field(dialog, 'Address line 1'), '1 Oxford Street');
      await fillIn(field(dialog, 'City'), 'Cambridge');
      await fillIn(field(dialog, 'Postal code'), '02138');
      await fillIn(field(dialog, 'Country'), 'us');
      await dialog.getByRole('button', { name: 'Set billing address' }).click();
      await seen(page.getByText('Address saved'));
      await seen(page.getByTestId('address-billing').getByText('02138 Cambridge'));
      await seen(page.getByTestId('address-billing').getByText('US'));
    }),
  );

  it(
    'logs a task on a client and completes it from My tasks, overdue first',
    suite.journey(async () => {
      const page = await suite.signIn('sales@acme.test');
      await page.getByRole('menuitem', { name: 'Clients' }).click();
      await page.getByRole('cell', { name: 'Ada Lovelace' }).first().click();
      await page.getByRole('tab', { name: 'Activities' }).click();
      const subject = `Call back about the renewal ${unique()}`;
      await page.getByRole('button', { name: 'Log activity' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Kind').click();
      await page.getByRole('option', { name: 'Task' }).click();
      await fillIn(field(dialog, 'Subject'), subject);
      await fillIn(field(dialog, 'Due on'), '2020-01-31');
      await dialog.getByRole('button', { name: 'Log activity' }).click();
      await seen(page.getByText('Activity logged'));
      await seen(page.getByRole('cell', { name: subject }));

      await page.getByRole('menuitem', { name: 'My tasks' }).click();
      const row = page.getByTestId('my-task').filter({ hasText: subject });
      await seen(row.getByText('Overdue'));
      await row.getByRole('button', { name: 'Complete' }).click();
      await seen(page.getByText('Task completed'));
      await countOf(page.getByTestId('my-task').filter({ hasText: subject }), 0);
    }),
  );

  it(
    'drags a lead through the pipeline board: New, Qualified, then a client',
    suite.journey(async () => {
      const page = await suite.signIn('sales@acme.test');
      const name = `Annie Easley ${unique()}`;
      const token = await suite.t.login('sales@acme.test');
      const captured = await suite.t.graphql(
        `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`,
        { input: { name, email: `annie.${unique()}@nasa.example`, source: 'web' } },
        { authorization: `Bearer ${token}` },
      );
      expect(captured.errors).toBeUndefined();

      await page.getByRole('menuitem', { name: 'Pipeline' }).click();
      const card = (status: string) => page.getByTestId(`column-${status}`).locator(`[data-lead="${name}"]`);
      await seen(card('NEW'));
      // A drop the server refuses (New straight to Converted) leaves the card where it was, with its reason.
      await card('NEW').dragTo(page.getByTestId('column-CONVERTED'));
      await seen(page.getByText('Only a QUALIFIED lead can be converted; this lead is NEW'));
      await seen(card('NEW'));
      await card('NEW').dragTo(page.getByTestId('column-QUALIFIED'));
      await seen(page.getByText('Lead qualified'));
      await seen(card('QUALIFIED'));
      await countOf(card('NEW'), 0);
      await card('QUALIFIED').dragTo(page.getByTestId('column-CONVERTED'));
      await seen(page.getByText('Lead converted into a client'));
      await seen(card('CONVERTED'));
      await eventually(async () => {
        const lead = await suite.t.graphql(
          `query ($id: ID!) { lead(id: $id) { status clientId } }`,
          { id: captured.data.captureLead.id },
          { authorization: `Bearer ${token}` },
        );
        expect(lead.data.lead.status).toBe('CONVERTED');
      });
    }),
  );
});
