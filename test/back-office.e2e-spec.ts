import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { printAppSchema } from '../src/app-schema';
import { startTestApp, TestApp } from './support/app';

const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id allowedCommands } }`;
const LEAD = `query ($id: ID!) { lead(id: $id) { id status allowedCommands } }`;
const QUALIFY = `mutation ($id: ID!) { qualifyLead(id: $id) { id status allowedCommands } }`;
const REGISTER = `mutation ($input: RegisterClientInput!) { registerClient(input: $input) { id allowedCommands } }`;
const ARCHIVE = `mutation ($id: ID!) { archiveClient(id: $id) { id archived allowedCommands } }`;
const LOG = `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id allowedCommands } }`;
const COMPLETE = `mutation ($id: ID!) { completeTask(id: $id) { id completed allowedCommands } }`;
const INVOICES = `{ invoices(perPage: 50) { items { id status balanceDue amountPaid credited allowedCommands } } }`;
const QUOTES = `{ quotes(perPage: 50) { items { id status orderId allowedCommands } } }`;
const ACCOUNTS = `{ accounts(perPage: 100) { items { code open allowedCommands } } }`;
const MY_TASKS = `{ myTasks(perPage: 10) { total items { id subject dueOn overdue subjectType subjectName } } }`;
const WAITING = `{ quotesAwaitingAnswer(limit: 5) { count total currency items { id clientName total } } }`;
const REVENUE = `{ revenueByMonth(months: 3) { currency months { month invoiced collected } } }`;
const OWNERS = `{ assignableOwners { id email role } }`;

describe('the back office API the admin UI builds on (allowedCommands, dashboard panels)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let sales: Record<string, string>;
  let accountant: Record<string, string>;
  let globex: Record<string, string>;
  const unique = () => Math.random().toString(36).slice(2, 10);

  const ok = async <T = any>(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<T> => {
    const result = await t.graphql<T>(query, variables, headers);
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const bearer = async (email: string) => ({ authorization: `Bearer ${await t.login(email)}` });
    [admin, sales, accountant, globex] = await Promise.all(['admin@acme.test', 'sales@acme.test', 'accountant@acme.test', 'admin@globex.test'].map(bearer));
  });
  afterAll(() => t?.close());

  it('prints, without a database, the very schema the running app serves (what the UI is generated from)', async () => {
    expect(await printAppSchema()).toBe(printSchema(t.app.get(GraphQLSchemaHost).schema));
  });

  it('says of a lead what its status and the caller role allow, as the decider would', async () => {
    const { captureLead } = await ok(CAPTURE, { input: { name: 'Radia Perlman', email: `radia.${unique()}@example.com` } }, sales);
    expect([...captureLead.allowedCommands].sort()).toEqual(['assignLeadOwner', 'disqualifyLead', 'qualifyLead']);
    expect([...(await ok(LEAD, { id: captureLead.id }, admin)).lead.allowedCommands].sort()).toEqual(['assignLeadOwner', 'disqualifyLead', 'qualifyLead']);
    // Accountants read leads but run no CRM command.
    expect((await ok(LEAD, { id: captureLead.id }, accountant)).lead.allowedCommands).toEqual([]);
    const { qualifyLead } = await ok(QUALIFY, { id: captureLead.id }, sales);
    expect([...qualifyLead.allowedCommands].sort()).toEqual(['assignLeadOwner', 'convertLead']);
    // Another tenant does not see the lead at all.
    expect((await ok(LEAD, { id: captureLead.id }, globex)).lead).toBeNull();
  });

  it('offers restore only on an archived client, and nothing else but restore', async () => {
    const { registerClient } = await ok(REGISTER, { input: { name: 'Frances Allen', email: `frances.${unique()}@example.com` } }, sales);
    expect(registerClient.allowedCommands).toEqual(expect.arrayContaining(['updateClientDetails', 'archiveClient', 'addContact', 'setClientAddress']));
    expect(registerClient.allowedCommands).not.toContain('restoreClient');
    expect(registerClient.allowedCommands).not.toContain('removeContact'); // no contact yet
    const { archiveClient } = await ok(ARCHIVE, { id: registerClient.id }, sales);
    expect(archiveClient.archived).toBe(true);
    expect(archiveClient.allowedCommands).toEqual(['restoreClient']);
  });

  it('offers completing a task once, and never on a call', async () => {
    const { registerClient: client } = await ok(REGISTER, { input: { name: 'Jean Sammet', email: `jean.${unique()}@example.com` } }, sales);
    const task = (await ok(LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'TASK', subject: 'Send the contract' } }, sales)).logActivity;
    const call = (await ok(LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'CALL', subject: 'Intro call' } }, sales)).logActivity;
    expect(task.allowedCommands).toEqual(['completeTask']);
    expect(call.allowedCommands).toEqual([]);
    expect((await ok(COMPLETE, { id: task.id }, sales)).completeTask.allowedCommands).toEqual([]);
  });

  it('follows the demo quotes, invoices and accounts through their states', async () => {
    const quotes = (await ok(QUOTES, {}, sales)).quotes.items as { status: string; orderId: string | null; allowedCommands: string[] }[];
    for (const quote of quotes) {
      if (quote.status === 'DRAFT') expect(quote.allowedCommands.sort()).toEqual(['reviseQuote', 'sendQuote']);
      if (quote.status === 'SENT') expect(quote.allowedCommands.sort()).toEqual(['acceptQuote', 'rejectQuote', 'reviseQuote']);
      if (quote.status === 'ACCEPTED') expect(quote.allowedCommands).toEqual(quote.orderId ? [] : ['placeOrder']);
      if (['REJECTED', 'EXPIRED'].includes(quote.status)) expect(quote.allowedCommands).toEqual([]);
    }
    const invoices = (await ok(INVOICES, {}, accountant)).invoices.items as { status: string; amountPaid: string; allowedCommands: string[] }[];
    expect(invoices.length).toBeGreaterThan(0);
    for (const invoice of invoices) {
      if (invoice.status === 'PAID') expect(invoice.allowedCommands).toEqual([]);
      if (invoice.status === 'ISSUED') expect(invoice.allowedCommands.sort()).toEqual(['issueCreditNote', 'recordPayment', 'sendInvoice', 'voidInvoice']);
    }
    // Sales read invoices and may run none of their commands.
    expect(((await ok(INVOICES, {}, sales)).invoices.items as { allowedCommands: string[] }[]).every((i) => i.allowedCommands.length === 0)).toBe(true);
    const accounts = (await ok(ACCOUNTS, {}, accountant)).accounts.items as { code: string; open: boolean; allowedCommands: string[] }[];
    // The receivables account takes the automatic postings: the chart refuses to close it.
    const receivables = accounts.find((account) => account.code === '1100');
    expect(receivables?.allowedCommands).toEqual([]);
    expect(accounts.some((account) => account.open && account.allowedCommands.includes('closeAccount'))).toBe(true);
  });

  it('answers the dashboard panels from aggregates over the read models', async () => {
    const { quotesAwaitingAnswer } = await ok(WAITING, {}, sales);
    const sent = ((await ok(QUOTES, {}, sales)).quotes.items as { status: string }[]).filter((quote) => quote.status === 'SENT');
    expect(quotesAwaitingAnswer.count).toBe(sent.length);
    expect(quotesAwaitingAnswer.currency).toBe('USD');
    expect(quotesAwaitingAnswer.items.length).toBe(Math.min(5, sent.length));

    const { revenueByMonth } = await ok(REVENUE, {}, accountant);
    expect(revenueByMonth.months).toHaveLength(3);
    expect(revenueByMonth.months[2].month).toBe(new Date().toISOString().slice(0, 7));
    // The demo invoices were issued today: this month carries them all.
    expect(Number(revenueByMonth.months[2].invoiced)).toBeGreaterThan(0);
    expect(Number(revenueByMonth.months[2].collected)).toBeGreaterThan(0);

    const owners = (await ok(OWNERS, {}, sales)).assignableOwners as { role: string }[];
    expect(owners.map((owner) => owner.role).sort()).toEqual(['admin', 'sales']);
  });

  it('lists my open tasks with the overdue ones first, and only mine', async () => {
    const { registerClient: client } = await ok(REGISTER, { input: { name: 'Hedy Lamarr', email: `hedy.${unique()}@example.com` } }, sales);
    const log = (subject: string, dueOn: string | null, headers = sales) =>
      ok(LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'TASK', subject, dueOn } }, headers);
    await log('Later task', '2999-01-01');
    await log('Overdue task', '2020-01-01');
    await log('Undated task', null);
    const { myTasks } = await ok(MY_TASKS, {}, sales);
    const subjects = (myTasks.items as { subject: string }[]).map((task) => task.subject);
    expect(subjects.indexOf('Overdue task')).toBeLessThan(subjects.indexOf('Later task'));
    expect(subjects.indexOf('Later task')).toBeLessThan(subjects.indexOf('Undated task'));
    expect(myTasks.items.find((task: { subject: string }) => task.subject === 'Overdue task')).toMatchObject({ overdue: true, subjectName: 'Hedy Lamarr' });
    // The accountant logged none and owns nothing.
    expect((await ok(MY_TASKS, {}, accountant)).myTasks.total).toBe(0);
  });
});
