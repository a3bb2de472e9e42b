import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { leadDecider } from '../src/crm/domain/lead';
import { leadStream } from '../src/crm/domain/lead.events';
import { EventSourcedRunner } from '../src/shared/command/event-sourced-runner';
import { EVENT_STORE, EventStore } from '../src/shared/event-store/event-store.port';
import { ProjectionsService } from '../src/shared/projection/projections.service';
import { startTestApp, TestApp } from './support/app';

/**
 * The problems of issue 9 that one caller could use to hurt the others, each tried against the real
 * app and shown refused: with a clear code and one message per field, and nothing appended.
 */
const DRAFT = `mutation ($input: DraftQuoteInput!) { draftQuote(input: $input) { id total } }`;
const POST = `mutation ($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { id total } }`;
const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id name } }`;

describe('security: what one caller may not do to the others (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  let pool: Pool;
  const as: Record<string, Record<string, string>> = {};
  let clientId: string;
  // The app's clock: the idempotency tests move it a day forward.
  let now = new Date();

  const events = async () => Number((await pool.query(`SELECT count(*) FROM es_events`)).rows[0].count);
  const ok = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const result = await t.graphql(query, variables, headers);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data as Record<string, any>)[0];
  };
  /** The first error of a request that must append nothing. */
  const refusedWithNothingAppended = async (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const before = await events();
    const result = await t.graphql(query, variables, headers);
    expect(result.errors).toBeDefined();
    expect(await events()).toBe(before);
    return result.errors![0];
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: { now: () => now } });
    pool = new Pool({ connectionString: t.databaseUrl, max: 2 });
    for (const role of ['admin', 'sales', 'accountant']) as[role] = { authorization: `Bearer ${await t.login(`${role}@acme.test`)}` };
    const lead = await ok(CAPTURE, { input: { name: 'Dorothy Vaughan', email: 'dorothy@fortran.example' } }, as.sales);
    await ok(`mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id }, as.sales);
    clientId = (await ok(`mutation ($id: ID!) { convertLead(id: $id) { id } }`, { id: lead.id }, as.sales)).id;
    // The process managers' appends (the converted lead's client, the demo's postings) settle before the counting starts.
    for (let last = -1, now = await events(); now !== last; last = now, now = await events()) await new Promise((resolve) => setTimeout(resolve, 500));
  });
  afterAll(async () => {
    await pool?.end();
    await t?.close();
  });

  describe('amounts', () => {
    it('refuses the huge quote (quantity 1000000000 at unit price 100000000) and stores nothing', async () => {
      const error = await refusedWithNothingAppended(
        DRAFT,
        { input: { clientId, lines: [{ description: 'Everything', quantity: '1000000000', unitPrice: '100000000', taxRate: '20' }] } },
        as.sales,
      );
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields['lines[0].quantity']).toEqual([expect.stringContaining('more than 1000000 units')]);
    });

    it('refuses a quote whose line, within the bounds of each number, comes to more than annals keeps', async () => {
      const error = await refusedWithNothingAppended(
        DRAFT,
        { input: { clientId, lines: [{ description: 'Rockets', quantity: '1000000', unitPrice: '999999999999.99', taxRate: '20' }] } },
        as.sales,
      );
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields['lines[0]']).toEqual([expect.stringMatching(/^quantity x unitPrice comes to 999999999999990000.00, more than/)]);
    });

    it('refuses a quote whose total passes the largest amount, though every line is below it, and keeps quoting for everyone', async () => {
      const line = { description: 'Satellite', quantity: '1', unitPrice: '999999999999.99', taxRate: '0' };
      const error = await refusedWithNothingAppended(DRAFT, { input: { clientId, lines: [line, line] } }, as.sales);
      expect(error.extensions.fields.lines).toEqual([expect.stringContaining('the net total comes to 1999999999999.98')]);
      const quote = await ok(DRAFT, { input: { clientId, lines: [line] } }, as.sales);
      expect(quote.total).toBe('999999999999.99');
    });

    it('refuses the long journal entry (501 lines) with a message on its lines', async () => {
      const lines = Array.from({ length: 501 }, (_, i) => (i % 2 ? { accountCode: '1000', credit: '1.00' } : { accountCode: '4000', debit: '1.00' }));
      const error = await refusedWithNothingAppended(POST, { input: { date: '2026-11-02', memo: 'Too long', lines } }, as.accountant);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields.lines).toEqual(['a journal entry can have at most 500 lines']);
    });

    it('refuses the float-imbalanced entry: off by 0.01 at amounts whose float sums are equal', async () => {
      const amount = '999999999999.99';
      const debits = Array.from({ length: 91 }, () => ({ accountCode: '1000', debit: amount }));
      const credits = [...Array.from({ length: 90 }, () => ({ accountCode: '4000', credit: amount })), { accountCode: '4000', credit: '999999999999.98' }];
      // What the balance check used to do: JavaScript numbers, which round these sums to the same value.
      const floatSum = (lines: { debit?: string; credit?: string }[]) =>
        lines.reduce((sum, line) => sum + Math.round(Number(line.debit ?? line.credit) * 100), 0);
      expect(floatSum(debits)).toBe(floatSum(credits));
      const error = await refusedWithNothingAppended(
        POST,
        { input: { date: '2026-11-02', memo: 'Rounded away', lines: [...debits, ...credits] } },
        as.accountant,
      );
      expect(error.extensions.code).toBe('UNBALANCED_ENTRY');
      expect(error.message).toContain('differ by 0.01');
    });

    it('refuses a balanced entry whose sum passes the largest amount annals keeps', async () => {
      const amount = '999999999999.99';
      const lines = [
        ...Array.from({ length: 2 }, () => ({ accountCode: '1000', debit: amount })),
        ...Array.from({ length: 2 }, () => ({ accountCode: '4000', credit: amount })),
      ];
      const error = await refusedWithNothingAppended(POST, { input: { date: '2026-11-02', memo: 'Too much', lines } }, as.accountant);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields.lines).toEqual([expect.stringContaining('the sum of the debits comes to 1999999999999.98')]);
    });
  });

  describe('text', () => {
    it.each([
      ['a NUL character', 'Ada\u0000Lovelace', 'contains a NUL character'],
      ['a lone surrogate', 'Ada \uD800 Lovelace', 'contains a lone surrogate'],
    ])('refuses %s in a name, naming the field, and stores nothing', async (_what, name, message) => {
      const error = await refusedWithNothingAppended(CAPTURE, { input: { name, email: 'ada@analytical.example' } }, as.sales);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields.name).toEqual([expect.stringContaining(message)]);
    });

    it('refuses them in an argument that is not an input field too, and a reason past its bound', async () => {
      const lead = await ok(CAPTURE, { input: { name: 'Katherine Johnson', email: 'katherine@orbit.example' } }, as.sales);
      const DISQUALIFY = `mutation ($id: ID!, $reason: String!) { disqualifyLead(id: $id, reason: $reason) { id } }`;
      const nul = await refusedWithNothingAppended(DISQUALIFY, { id: lead.id, reason: 'no\u0000' }, as.sales);
      expect(nul.extensions.fields.reason).toEqual([expect.stringContaining('NUL')]);
      const long = await refusedWithNothingAppended(DISQUALIFY, { id: lead.id, reason: 'x'.repeat(1001) }, as.sales);
      expect(long.extensions.fields.reason).toEqual(['reason can be at most 1000 characters']);
    });

    it('keeps a well-formed pair (an emoji) and other scripts', async () => {
      const lead = await ok(CAPTURE, { input: { name: 'Ada 🚀 Лавлейс', email: 'ada.rocket@analytical.example' } }, as.sales);
      expect(lead.name).toBe('Ada 🚀 Лавлейс');
    });
  });

  describe('queries', () => {
    it('refuses a query 30 levels deep before running it', async () => {
      const deep = `{ __type(name: "Query") { ${'fields { type { '.repeat(15)}name${' } }'.repeat(15)} } }`;
      const result = await t.graphql(deep, {}, as.sales);
      expect(result.status).toBe(400);
      expect(result.errors![0].message).toMatch(/depth/i);
    });

    it('refuses too many aliases', async () => {
      const aliased = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: me { email }`).join(' ')} }`;
      const result = await t.graphql(aliased, {}, as.sales);
      expect(result.status).toBe(400);
      expect(result.errors![0].message).toMatch(/aliases/i);
    });

    it('refuses a huge query (tokens past the limit) without parsing it whole', async () => {
      const huge = `{ me { ${'email '.repeat(20_000)} } }`;
      const result = await t.graphql(huge, {}, as.sales);
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.errors)).toMatch(/tokens/i);
    });

    it('refuses a perPage of 1e6 with a message on perPage', async () => {
      const result = await t.graphql(`{ leads(perPage: 1000000) { total } }`, {}, as.sales);
      expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0].extensions.fields.perPage).toEqual(['perPage can be at most 500']);
    });

    it("refuses a perPage of 1e6 on a resolver's own page arguments too, and a nested list's limit past 500", async () => {
      const tasks = await t.graphql(`{ myTasks(perPage: 1000000) { total } }`, {}, as.sales);
      expect(tasks.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { perPage: ['perPage can be at most 500'] } });
      const nested = await t.graphql(`query ($id: ID!) { client(id: $id) { activities(limit: 1000000) { id } } }`, { id: clientId }, as.sales);
      expect(nested.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { limit: ['limit can be at most 500'] } });
    });

    it('answers the largest page allowed', async () => {
      const result = await t.graphql(`{ leads(perPage: 500) { total items { id } } }`, {}, as.sales);
      expect(result.errors).toBeUndefined();
      expect(result.data.leads.total).toBeGreaterThan(0);
    });

    it('serves introspection and GraphiQL outside production', async () => {
      const result = await t.graphql(`{ __schema { queryType { name } } }`, {}, as.sales);
      expect(result.data.__schema.queryType.name).toBe('Query');
      expect((await fetch(`${t.url}/graphiql`)).status).toBe(200);
    });
  });

  describe('period locks under concurrency', () => {
    const THROUGH = '2026-06-30';
    const LOCK = `mutation ($through: String!) { lockPeriod(through: $through) { lockedThrough } }`;
    const entry = (memo: string) => ({
      input: {
        date: '2026-06-15',
        memo,
        lines: [
          { accountCode: '6000', debit: '1.00' },
          { accountCode: '1000', credit: '1.00' },
        ],
      },
    });
    const invoiceIssued = (n: number) => {
      const invoiceId = randomUUID();
      return t.app.get<EventStore>(EVENT_STORE).appendToStream(
        `invoice-${invoiceId}`,
        [
          {
            id: randomUUID(),
            type: 'InvoiceIssued',
            data: {
              invoiceId,
              number: `INV-2026-${700000 + n}`,
              orderId: randomUUID(),
              clientId: randomUUID(),
              currency: 'EUR',
              issuedOn: '2026-06-10',
              dueOn: '2026-07-10',
              net: 100,
              tax: 0,
              total: 100,
            },
            metadata: { tenantId: 'globex', actorId: 'test:billing', correlationId: randomUUID(), causationId: randomUUID() },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
    };

    it('lets no posting, manual or automatic, land in a period locked while postings race it', async () => {
      const globex = { authorization: `Bearer ${await t.login('accountant@globex.test')}` };
      await ok(POST, entry('before the race'), globex); // the chart exists before the race starts
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      let locked = false;
      const manual = Array.from({ length: 40 }, async (_, i) => {
        await pause(i * 5);
        return t.graphql(POST, entry(`racing ${i}`), globex);
      });
      const automatic = Array.from({ length: 20 }, async (_, i) => {
        await pause(i * 10);
        return invoiceIssued(i);
      });
      const lock = (async () => {
        await pause(100);
        const result = await ok(LOCK, { through: THROUGH }, globex);
        locked = true;
        return result;
      })();
      const after = (async () => {
        while (!locked) await pause(5);
        return t.graphql(POST, entry('after the lock'), globex);
      })();
      const results = await Promise.all(manual);
      await Promise.all(automatic);
      expect((await lock).lockedThrough).toBe(THROUGH);
      expect((await after).errors?.[0].extensions.code).toBe('PERIOD_LOCKED');
      // Every manual posting either landed (before the lock) or was refused because of it.
      for (const result of results) if (result.errors) expect(result.errors[0].extensions.code).toBe('PERIOD_LOCKED');
      await t.app.get(ProjectionsService).waitFor(['ledger.billing-postings'], await t.app.get<EventStore>(EVENT_STORE).headPosition(), 30_000);

      const { rows } = await pool.query(
        `SELECT position, type, data->>'date' AS date FROM es_events WHERE tenant_id = 'globex' AND type IN ('PeriodLocked', 'JournalEntryPosted') ORDER BY position`,
      );
      const lockAt = rows.findIndex((row) => row.type === 'PeriodLocked');
      expect(lockAt).toBeGreaterThan(0);
      const afterLock = rows.slice(lockAt + 1);
      expect(afterLock.filter((row) => row.date <= THROUGH)).toEqual([]);
      // The automatic postings after the lock are dated on the first open day instead; none is lost.
      expect(afterLock.every((row) => row.date === '2026-07-01')).toBe(true);
      const billed = await pool.query(
        `SELECT count(*) FROM es_events WHERE tenant_id = 'globex' AND type = 'JournalEntryPosted' AND data->'source'->>'type' = 'InvoiceIssued'`,
      );
      expect(Number(billed.rows[0].count)).toBeGreaterThanOrEqual(20);
    });
  });

  describe('idempotency', () => {
    const QUALIFY = `mutation ($id: ID!) { qualifyLead(id: $id) { id status } }`;
    const DISQUALIFY = `mutation ($id: ID!, $reason: String!) { disqualifyLead(id: $id, reason: $reason) { id status } }`;
    const lead = async (name: string) => (await ok(CAPTURE, { input: { name, email: `${randomUUID()}@example.com` } }, as.sales)).id as string;
    const keyRows = async (key: string) => Number((await pool.query(`SELECT count(*) FROM idempotency_keys WHERE key LIKE '%:' || $1`, [key])).rows[0].count);

    it('gives each sender of a key its own: the same key and request from two people are two effects', async () => {
      const key = randomUUID();
      const input = { input: { name: 'Shared Key', email: 'shared.key@example.com' } };
      const bySales = await ok(CAPTURE, input, { ...as.sales, 'idempotency-key': key });
      const byAdmin = await ok(CAPTURE, input, { ...as.admin, 'idempotency-key': key });
      expect(byAdmin.id).not.toBe(bySales.id);
      expect(await ok(CAPTURE, input, { ...as.sales, 'idempotency-key': key })).toEqual(bySales);
    });

    it("keeps a person's key apart from a process manager's, though the strings are equal", async () => {
      const id = await lead('Namespace Test');
      const key = `quote-expiry:${id}`;
      const owner = (await ok(`{ me { userId } }`, {}, as.admin)).userId;
      await ok(`mutation ($id: ID!, $owner: ID!) { assignLeadOwner(id: $id, ownerId: $owner) { id } }`, { id, owner }, { ...as.sales, 'idempotency-key': key });
      // A system command on the same stream with the same key string is its own command, not a repeat of the person's.
      const system = {
        tenantId: 'acme',
        actorId: 'system:test',
        correlationId: randomUUID(),
        causationId: randomUUID(),
        actorKind: 'system' as const,
        idempotencyKey: key,
      };
      const result = await t.app.get(EventSourcedRunner).run(leadDecider, leadStream(id), { type: 'QualifyLead', leadId: id }, system);
      expect(result.events.map((event) => event.type)).toEqual(['LeadQualified']);
      const history = await t.graphql(`query ($id: ID!) { history(entity: "lead", id: $id) { type metadata } }`, { id }, as.admin);
      expect(history.data.history.map((event: { type: string }) => event.type)).toEqual(['LeadCaptured', 'LeadOwnerAssigned', 'LeadQualified']);
      // The metadata shows the key as its sender wrote it.
      expect(history.data.history[1].metadata.idempotencyKey).toBe(key);
    });

    it('forgets a key after 24 hours (a new request may use it) and prunes expired keys', async () => {
      const [first, second, third] = [await lead('Expiry One'), await lead('Expiry Two'), await lead('Expiry Three')];
      const key = randomUUID();
      const other = randomUUID();
      await ok(QUALIFY, { id: first }, { ...as.sales, 'idempotency-key': key });
      await ok(QUALIFY, { id: third }, { ...as.sales, 'idempotency-key': other });
      const reused = await t.graphql(DISQUALIFY, { id: second, reason: 'no budget' }, { ...as.sales, 'idempotency-key': key });
      expect(reused.errors![0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await keyRows(other)).toBe(1);

      now = new Date(now.getTime() + 25 * 60 * 60 * 1000);
      // Sessions expire by the same clock (12 hours): sign in again a day later.
      as.sales = { authorization: `Bearer ${await t.login('sales@acme.test')}` };
      const later = await ok(DISQUALIFY, { id: second, reason: 'no budget' }, { ...as.sales, 'idempotency-key': key });
      expect(later.status).toBe('DISQUALIFIED');
      // The request after the TTL pruned the rows of expired keys.
      const deadline = Date.now() + 10_000;
      while ((await keyRows(other)) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await keyRows(other)).toBe(0);
      expect(await keyRows(key)).toBe(1);
    });
  });

  describe('headers', () => {
    it('sends security headers and a Content-Security-Policy with /admin', async () => {
      const response = await fetch(`${t.url}/admin/`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    });

    it("sends them with every GraphQL answer, and GraphiQL's page without the admin UI's policy", async () => {
      const answer = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...as.sales },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      const graphiql = await fetch(`${t.url}/graphiql`);
      expect(graphiql.status).toBe(200);
      expect(graphiql.headers.get('content-security-policy')).toBeNull();
      expect(graphiql.headers.get('x-content-type-options')).toBe('nosniff');
      expect(graphiql.headers.get('strict-transport-security')).toContain('max-age=');
    });
  });
});

describe('security in production mode (NODE_ENV=production)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ production: true });
  });
  afterAll(() => t?.close());

  it('refuses introspection and serves no GraphiQL', async () => {
    const token = await t.login('sales@acme.test');
    const result = await t.graphql(`{ __schema { types { name } } }`, {}, { authorization: `Bearer ${token}` });
    expect(result.status).toBe(400);
    expect(result.errors![0].message).toMatch(/introspection/i);
    expect(result.data).toBeNull();
    expect((await fetch(`${t.url}/graphiql`)).status).toBe(404);
  });

  it('still answers ordinary queries', async () => {
    const token = await t.login('sales@acme.test');
    const result = await t.graphql(`{ me { email } }`, {}, { authorization: `Bearer ${token}` });
    expect(result.data.me.email).toBe('sales@acme.test');
  });
});
