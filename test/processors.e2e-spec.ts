import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { EVENT_STORE, EventStore, NewEvent } from '../src/shared/event-store/event-store.port';
import { ProjectionsService } from '../src/shared/projection/projections.service';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/app';
import { IntegrationEventSource } from '../src/integration/integration-event-source';
import { INTEGRATION_EVENT_SOURCE } from '../src/integration/integration.module';
import { OrdersQueries } from '../src/orders/application/orders.queries';
import { quoteDecider } from '../src/orders/domain/quote';
import { quoteStream } from '../src/orders/domain/quote.events';
import { answerWithRow, commandsFor } from '../src/shared/command/command-declaration';
import { CommandService } from '../src/shared/command/command.service';

const STATUS = `{ projections { name kind state position lag failedPosition failedEventType lastError parked { tenantId position eventType error } } }`;
const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id status } }`;
const LEADS = `query { leads(perPage: 1) { total } }`;
const LEAD = `query ($id: ID!) { lead(id: $id) { id status } }`;
const DRAFT = `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id status total } }`;

const metadata = (tenantId: string) => ({ tenantId, actorId: 'test', correlationId: randomUUID(), causationId: randomUUID() });

describe('the processor runtime in the app', () => {
  let t: TestApp;
  let pool: Pool;
  let store: EventStore;
  const as: Record<string, Record<string, string>> = {};
  const ok = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await t.graphql(query, variables, headers);
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const user of ['admin@acme.test', 'admin@globex.test', 'sales@globex.test']) as[user] = { authorization: `Bearer ${await t.login(user)}` };
    pool = new Pool({ connectionString: t.databaseUrl, max: 4 });
    store = t.app.get(EVENT_STORE);
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });

  it('rebuilds a read model blue/green: queries and commands during the rebuild never lag or see it empty, and it ends identical', async () => {
    // Enough of a log that the rebuild takes a while.
    const leads: NewEvent[][] = Array.from({ length: 4000 }, (_, i) => [
      {
        id: randomUUID(),
        type: 'LeadCaptured',
        data: { leadId: randomUUID(), name: `Lead ${i}`, email: `lead${i}@example.com`, company: null, phone: null, source: 'bench' },
        metadata: metadata('acme'),
      },
    ]);
    for (let i = 0; i < leads.length; i += 100)
      await Promise.all(
        leads
          .slice(i, i + 100)
          .map((events) => store.appendToStream(`lead-${(events[0].data as { leadId: string }).leadId}`, events, { expectedRevision: 'no_stream' })),
      );
    const known = await ok(CAPTURE, { input: { name: 'Known Lead', email: 'known@example.com' } }, as['admin@acme.test']);
    const total = (await ok(LEADS, {}, as['admin@acme.test'])).leads.total as number;
    const snapshot = async () => (await pool.query(`SELECT * FROM crm_leads ORDER BY id`)).rows;
    const before = await snapshot();

    const service = t.app.get(ProjectionsService);
    await ok(`mutation { rebuildProjection(name: "crm.leads") { name state } }`, {}, t.operator);
    const rebuilding = service.rebuilding('crm.leads');
    expect(rebuilding).toBeDefined();
    let done = false;
    void rebuilding!.finally(() => (done = true));
    let queries = 0;
    const captured: string[] = [];
    while (!done) {
      const [list, one, capture] = await Promise.all([
        t.graphql(LEADS, {}, as['admin@acme.test']),
        t.graphql(LEAD, { id: known.captureLead.id }, as['admin@acme.test']),
        t.graphql(CAPTURE, { input: { name: `During ${queries}`, email: `during${queries}@example.com` } }, as['admin@acme.test']),
      ]);
      expect(list.errors).toBeUndefined();
      expect(list.data.leads.total).toBeGreaterThanOrEqual(total);
      expect(one.data.lead).toMatchObject({ id: known.captureLead.id });
      expect(capture.errors).toBeUndefined(); // no READ_MODEL_LAGGING: the command's read model answered
      captured.push(capture.data.captureLead.id);
      queries++;
    }
    await rebuilding;
    expect(queries).toBeGreaterThan(0);
    const status = (await ok(STATUS, {}, as['admin@acme.test'])).projections.find((p: { name: string }) => p.name === 'crm.leads');
    expect(status).toMatchObject({ kind: 'PROJECTOR', state: 'RUNNING' });
    // Identical: the rows before, plus the ones captured during the rebuild, each as the live model had it.
    const after = await snapshot();
    expect(after.filter((row) => !captured.includes(row.id))).toEqual(before);
    for (const id of captured) expect((await ok(LEAD, { id }, as['admin@acme.test'])).lead).toMatchObject({ id, status: 'NEW' });
    // The RLS policy and the reader's grant came along with the new table.
    const { rows: policies } = await pool.query(`SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = 'crm_leads'`);
    expect(policies.map((p) => p.policyname)).toContain('tenant_isolation');
    expect((await ok(LEADS, {}, as['admin@globex.test'])).leads.total).toBeLessThan(total);
  }, 120_000);

  it("parks a read model for one tenant's event it cannot write: other tenants' commands still read their writes, the status shows the park to its tenant only", async () => {
    // A quote whose total overflows bigint, appended straight through the store for acme.
    const quoteId = randomUUID();
    const { position } = await store.appendToStream(
      `quote-${quoteId}`,
      [
        {
          id: randomUUID(),
          type: 'QuoteDrafted',
          data: { quoteId, clientId: randomUUID(), currency: 'USD', validUntil: null, revision: 1, lines: [], net: 1e30, tax: 0, total: 1e30 },
          metadata: metadata('acme'),
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const service = t.app.get(ProjectionsService);
    const parked = async () => (await service.statuses()).find((s) => s.name === 'orders.quotes')!.parks;
    for (let i = 0; i < 200 && (await parked()).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await parked()).toEqual([expect.objectContaining({ tenantId: 'acme', position, eventType: 'QuoteDrafted' })]);

    // globex goes on: its quote commands answer with the quote as its read model shows it.
    const globex = as['sales@globex.test'];
    const lead = await ok(CAPTURE, { input: { name: 'Grace Hopper', email: `grace.${randomUUID()}@example.com` } }, globex);
    await ok(`mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.captureLead.id }, globex);
    const clientId = (await ok(`mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.captureLead.id }, globex)).convertLead.id;
    const started = Date.now();
    const drafted = await ok(DRAFT, { input: { clientId, lines: [{ description: 'Setup', quantity: '1', unitPrice: '100', taxRate: '20' }] } }, globex);
    expect(drafted.draftQuote).toMatchObject({ status: 'DRAFT', total: '120.00' });
    // Well under the 5 s a lagging read model is waited for: globex's write did not wait on acme's park.
    expect(Date.now() - started).toBeLessThan(4000);

    // The status shows the park to acme's admin, and not to globex's.
    const acmeView = (await ok(STATUS, {}, as['admin@acme.test'])).projections.find((p: { name: string }) => p.name === 'orders.quotes');
    expect(acmeView).toMatchObject({
      kind: 'PROJECTOR',
      state: 'RUNNING',
      failedPosition: position.toString(),
      failedEventType: 'QuoteDrafted',
      parked: [{ tenantId: 'acme', position: position.toString(), eventType: 'QuoteDrafted', error: expect.stringContaining('bigint') }],
    });
    const globexView = (await ok(STATUS, {}, as['admin@globex.test'])).projections.find((p: { name: string }) => p.name === 'orders.quotes');
    expect(globexView).toMatchObject({ parked: [], failedPosition: null });
    const kinds = Object.fromEntries((await ok(STATUS, {}, as['admin@acme.test'])).projections.map((p: { name: string; kind: string }) => [p.name, p.kind]));
    expect(kinds).toMatchObject({ 'orders.invoicing.process-manager': 'REACTOR', 'ledger.billing-postings': 'REACTOR', 'crm.leads': 'PROJECTOR' });

    // acme's own writes to that read model fail fast (not after the 5 s wait), saying why.
    const waiting = Date.now();
    await expect(service.waitFor(['orders.quotes'], position)).rejects.toMatchObject({
      code: 'READ_MODEL_LAGGING',
      message: expect.stringContaining('stopped for your tenant'),
    });
    expect(Date.now() - waiting).toBeLessThan(4000);

    // A retry cannot fix this event: it stays parked, counted, nothing skipped.
    const retried = await ok(`mutation { retryProcessor(name: "orders.quotes") { parked { tenantId retries } } }`, {}, t.operator);
    // At least the asked retry (the backoff's own, every 500 ms at first, may have come before it on a slow machine).
    expect(retried.retryProcessor.parked).toEqual([{ tenantId: 'acme', retries: expect.any(Number) }]);
    expect(retried.retryProcessor.parked[0].retries).toBeGreaterThanOrEqual(1);
    // A reactor cannot be rebuilt: asking replays it from the start, appending nothing twice.
    const head = await store.headPosition();
    await ok(`mutation { rebuildProjection(name: "orders.invoicing.process-manager") { name kind } }`, {}, t.operator);
    await service.waitFor(['orders.invoicing.process-manager'], head, 30_000);
    expect(await store.headPosition()).toBe(head);
  }, 60_000);

  it('answers the very command whose event parks its tenant with READ_MODEL_LAGGING at once, not with a missing record', async () => {
    // The case: one tenant's quote whose total overflows the read model's bigint. The API now
    // refuses it at its edge (test/security.e2e-spec.ts)...
    const globex = as['sales@globex.test'];
    const lead = await ok(CAPTURE, { input: { name: 'Ada Lovelace', email: `ada.${randomUUID()}@example.com` } }, globex);
    await ok(`mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.captureLead.id }, globex);
    const clientId = (await ok(`mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.captureLead.id }, globex)).convertLead.id;
    const huge = await t.graphql(
      DRAFT,
      { input: { clientId, lines: [{ description: 'Everything', quantity: '1000000000', unitPrice: '100000000', taxRate: '0' }] } },
      globex,
    );
    expect(huge.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    // ...so a command that still stores such an event (as builds before the bounds did) goes through the one executor here.
    const unbounded = {
      ...quoteDecider,
      decide: (command: { quoteId: string; clientId: string }) => [
        {
          type: 'QuoteDrafted',
          data: {
            quoteId: command.quoteId,
            clientId: command.clientId,
            currency: 'EUR',
            validUntil: null,
            revision: 1,
            lines: [],
            net: 1e30,
            tax: 0,
            total: 1e30,
          },
        },
      ],
    } as unknown as typeof quoteDecider;
    const { draftUnbounded } = commandsFor(
      unbounded,
      { entity: 'quote', roles: ['sales'], stream: quoteStream, answer: answerWithRow(OrdersQueries, 'quote', 'orders.quotes') },
      ({ command }) => ({
        draftUnbounded: command({ creates: 'quote', command: (input: { clientId: string }, quoteId) => ({ quoteId, clientId: input.clientId }) as never }),
      }),
    );
    const caller = { userId: randomUUID(), tenantId: 'globex', email: 'sales@globex.test', role: 'sales' as const, requestId: randomUUID() };
    const started = Date.now();
    await expect(t.app.get(CommandService).execute(draftUnbounded, { clientId }, caller)).rejects.toMatchObject({
      code: 'READ_MODEL_LAGGING',
      message: expect.stringContaining('stopped for your tenant'),
    });
    expect(Date.now() - started).toBeLessThan(3000);
    const parks = (await t.app.get(ProjectionsService).statuses()).find((s) => s.name === 'orders.quotes')!.parks;
    expect(parks.map((park) => park.tenantId).sort()).toEqual(['acme', 'globex']);
    // The tenant's other read models go on.
    const next = await ok(CAPTURE, { input: { name: 'Alan Turing', email: `alan.${randomUUID()}@example.com` } }, globex);
    expect(next.captureLead.id).toEqual(expect.any(String));
  }, 60_000);

  it('replays a reactor back from its checkpoint only, and never a read model', async () => {
    const replay = (name: string, from: string) =>
      t.graphql(`mutation ($name: String!, $from: String!) { replayProcessor(name: $name, from: $from) { name kind } }`, { name, from }, t.operator);
    expect((await replay('crm.leads', '0')).errors?.[0]).toMatchObject({
      extensions: { code: 'PROJECTOR_NOT_REPLAYABLE' },
      message: expect.stringContaining('rebuild'),
    });
    const ahead = ((await store.headPosition()) + 1000n).toString();
    expect((await replay('ledger.billing-postings', ahead)).errors?.[0]).toMatchObject({ extensions: { code: 'REPLAY_AHEAD_OF_CHECKPOINT' } });
    const head = await store.headPosition();
    expect((await replay('ledger.billing-postings', '0')).data?.replayProcessor).toEqual({ name: 'ledger.billing-postings', kind: 'REACTOR' });
    await t.app.get(ProjectionsService).waitFor(['ledger.billing-postings'], head, 30_000);
    expect(await store.headPosition()).toBe(head); // its postings are keyed: a replay posts nothing twice
  }, 60_000);

  it('runs an integration consumer on the same runtime: it receives the CloudEvents and shows in the status while it runs', async () => {
    const source: IntegrationEventSource = t.app.get(INTEGRATION_EVENT_SOURCE);
    const received: string[] = [];
    const consumer = await source.subscribe('test.webhooks', async (events) => void received.push(...events.map((e) => e.type)));
    const admin = as['admin@acme.test'];
    const lead = await ok(CAPTURE, { input: { name: 'Edsger Dijkstra', email: `edsger.${randomUUID()}@example.com` } }, admin);
    for (let i = 0; i < 200 && !received.includes('crm.lead.captured.v1'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(received).toContain('crm.lead.captured.v1');
    expect(lead.captureLead.id).toEqual(expect.any(String));
    const listed = async () => (await ok(STATUS, {}, admin)).projections.find((p: { name: string }) => p.name === 'test.webhooks');
    expect(await listed()).toMatchObject({ kind: 'REACTOR', parked: [] });
    await consumer.stop();
    expect(await listed()).toBeUndefined();
  }, 60_000);

  it('`npm run projections:rebuild -- crm.leads` asks the running app, follows its progress, and the live model answers throughout', async () => {
    const known = await ok(CAPTURE, { input: { name: 'CLI Lead', email: 'cli@example.com' } }, as['admin@acme.test']);
    const before = (await ok(`{ projections { name } }`, {}, as['admin@acme.test'])).projections.length;
    const cli = promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'scripts/rebuild-projection.ts', 'crm.leads'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, JWT_SECRET: TEST_JWT_SECRET },
      timeout: 60_000,
    });
    let answered = 0;
    let finished = false;
    void cli.finally(() => (finished = true)).catch(() => undefined);
    while (!finished) {
      const one = await t.graphql(LEAD, { id: known.captureLead.id }, as['admin@acme.test']);
      expect(one.data.lead).toMatchObject({ id: known.captureLead.id });
      answered++;
    }
    const { stdout } = await cli;
    expect(stdout).toContain('The running app runs crm.leads: asking it to rebuild');
    expect(stdout).toContain('crm.leads rebuilt in');
    expect(answered).toBeGreaterThan(0);
    expect((await ok(`{ projections { name } }`, {}, as['admin@acme.test'])).projections.length).toBe(before);
  }, 90_000);
});
