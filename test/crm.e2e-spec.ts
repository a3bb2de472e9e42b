import jwt from 'jsonwebtoken';
import { Client } from 'pg';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/app';

const LEAD_FIELDS = 'id name email company phone source status clientId createdAt updatedAt';
const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { ${LEAD_FIELDS} } }`;
const QUALIFY = `mutation ($id: ID!) { qualifyLead(id: $id) { id status } }`;
const DISQUALIFY = `mutation ($id: ID!, $reason: String!) { disqualifyLead(id: $id, reason: $reason) { id status } }`;
const CONVERT = `mutation ($id: ID!) { convertLead(id: $id) { id name email company leadId createdAt } }`;
const LEAD = `query ($id: ID!) { lead(id: $id) { ${LEAD_FIELDS} } }`;
const HISTORY = `query ($entity: String!, $id: ID!) { history(entity: $entity, id: $id) { type revision position recordedAt data metadata } }`;
const LEADS = `query ($filter: LeadFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
  leads(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { total items { id name email status } } }`;

describe('CRM through GraphQL (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  let acme: Record<string, string>;
  let globex: Record<string, string>;
  const unique = () => Math.random().toString(36).slice(2, 10);

  beforeAll(async () => {
    t = await startTestApp();
    acme = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
    globex = { authorization: `Bearer ${await t.login('admin@globex.test')}` };
  });
  afterAll(() => t?.close());

  const capture = async (input: Record<string, unknown> = {}, headers = acme) => {
    const result = await t.graphql(CAPTURE, { input: { name: 'Lin Clark', email: `lin.${unique()}@example.com`, ...input } }, headers);
    expect(result.errors).toBeUndefined();
    return result.data.captureLead;
  };

  describe('authentication', () => {
    it('refuses a wrong password with UNAUTHENTICATED', async () => {
      const result = await t.graphql(`mutation { login(email: "admin@acme.test", password: "nope") { token } }`);
      expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0].message).toBe('Email or password is incorrect');
    });
    it('refuses a query without a token', async () => {
      const result = await t.graphql(`{ leads { total } }`);
      expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(result.data).toBeNull();
    });
    it('refuses a forged token', async () => {
      const result = await t.graphql(`{ me { email } }`, {}, { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJhY21lIn0.x' });
      expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
    it('refuses a token once it has expired, also after it was accepted', async () => {
      const login = await t.graphql(`mutation { login(email: "admin@acme.test", password: "demo") { token } }`);
      const claims = JSON.parse(Buffer.from(login.data.login.token.split('.')[1], 'base64url').toString());
      const exp = Math.floor(Date.now() / 1000) + 2;
      const token = jwt.sign({ tid: claims.tid, email: claims.email, role: claims.role, exp }, TEST_JWT_SECRET, { subject: claims.sub, issuer: 'annals' });
      const me = `{ me { email } }`;
      expect((await t.graphql(me, {}, { authorization: `Bearer ${token}` })).data.me.email).toBe('admin@acme.test');
      await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
      const late = await t.graphql(me, {}, { authorization: `Bearer ${token}` });
      expect(late.errors?.[0]).toMatchObject({ message: 'Your session has expired; sign in again', extensions: { code: 'UNAUTHENTICATED' } });
    });
    it('tells who the caller is, from the token', async () => {
      const result = await t.graphql(`{ me { email role tenantId tenantName currency } }`, {}, globex);
      expect(result.data.me).toEqual({ email: 'admin@globex.test', role: 'admin', tenantId: 'globex', tenantName: 'Globex Europe', currency: 'EUR' });
    });
  });

  describe('the lead lifecycle', () => {
    it('captures, qualifies and converts a lead; each answer is already visible to queries', async () => {
      const lead = await capture({ company: 'Mozilla', phone: '+1 555 0100', source: 'web' });
      expect(lead).toMatchObject({ status: 'NEW', company: 'Mozilla', phone: '+1 555 0100', source: 'web', clientId: null });
      expect((await t.graphql(LEAD, { id: lead.id }, acme)).data.lead).toEqual(lead);

      const qualified = await t.graphql(QUALIFY, { id: lead.id }, acme);
      expect(qualified.data.qualifyLead.status).toBe('QUALIFIED');
      expect((await t.graphql(LEAD, { id: lead.id }, acme)).data.lead.status).toBe('QUALIFIED');

      const converted = await t.graphql(CONVERT, { id: lead.id }, acme);
      expect(converted.errors).toBeUndefined();
      const client = converted.data.convertLead;
      expect(client).toMatchObject({ name: 'Lin Clark', email: lead.email, company: 'Mozilla', leadId: lead.id });
      const after = (await t.graphql(LEAD, { id: lead.id }, acme)).data.lead;
      expect(after).toMatchObject({ status: 'CONVERTED', clientId: client.id });
      const fetched = await t.graphql(`query ($id: ID!) { client(id: $id) { id leadId } }`, { id: client.id }, acme);
      expect(fetched.data.client).toEqual({ id: client.id, leadId: lead.id });
      const list = await t.graphql(`{ clients(filter: { q: "${lead.email}" }) { total items { id } } }`, {}, acme);
      expect(list.data.clients).toEqual({ total: 1, items: [{ id: client.id }] });
    });

    it('converts a lead only once', async () => {
      const lead = await capture();
      await t.graphql(QUALIFY, { id: lead.id }, acme);
      await t.graphql(CONVERT, { id: lead.id }, acme);
      const again = await t.graphql(CONVERT, { id: lead.id }, acme);
      expect(again.errors?.[0].extensions.code).toBe('LEAD_ALREADY_CONVERTED');
    });

    it('qualifies or disqualifies only a NEW lead', async () => {
      const lead = await capture();
      const disqualified = await t.graphql(DISQUALIFY, { id: lead.id, reason: 'No budget' }, acme);
      expect(disqualified.data.disqualifyLead.status).toBe('DISQUALIFIED');
      const qualify = await t.graphql(QUALIFY, { id: lead.id }, acme);
      expect(qualify.errors?.[0]).toMatchObject({ extensions: { code: 'LEAD_NOT_NEW' }, message: expect.stringContaining('DISQUALIFIED') });
      const convert = await t.graphql(CONVERT, { id: lead.id }, acme);
      expect(convert.errors?.[0].extensions.code).toBe('LEAD_NOT_QUALIFIED');
    });

    it('refuses to convert a NEW lead', async () => {
      const lead = await capture();
      const convert = await t.graphql(CONVERT, { id: lead.id }, acme);
      expect(convert.errors?.[0].extensions.code).toBe('LEAD_NOT_QUALIFIED');
      expect((await t.graphql(LEAD, { id: lead.id }, acme)).data.lead.status).toBe('NEW');
    });

    it('answers null for an id that is not a UUID, and NOT_FOUND when a command names one', async () => {
      const lead = await t.graphql(LEAD, { id: 'not-a-uuid' }, acme);
      expect(lead.errors).toBeUndefined();
      expect(lead.data.lead).toBeNull();
      expect((await t.graphql(QUALIFY, { id: 'not-a-uuid' }, acme)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('answers NOT_FOUND for an unknown id', async () => {
      const result = await t.graphql(QUALIFY, { id: '00000000-0000-4000-8000-000000000000' }, acme);
      expect(result.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await t.graphql(LEAD, { id: '00000000-0000-4000-8000-000000000000' }, acme)).data.lead).toBeNull();
    });
  });

  describe('roles', () => {
    const as = async (role: string) => ({ authorization: `Bearer ${await t.login(`${role}@acme.test`)}` });

    it('lets sales work leads, and accountants and auditors only read them', async () => {
      const sales = await as('sales');
      const lead = await capture({}, sales);
      expect((await t.graphql(QUALIFY, { id: lead.id }, sales)).data.qualifyLead.status).toBe('QUALIFIED');
      for (const role of ['accountant', 'auditor']) {
        const headers = await as(role);
        expect((await t.graphql(LEAD, { id: lead.id }, headers)).data.lead.id).toBe(lead.id);
        const refused = await t.graphql(CONVERT, { id: lead.id }, headers);
        expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining(`(${role})`) });
      }
      expect((await t.graphql(LEAD, { id: lead.id }, acme)).data.lead.status).toBe('QUALIFIED');
    });

    it('lets auditors read history and projections but never rebuild', async () => {
      const auditor = await as('auditor');
      const lead = await capture();
      expect((await t.graphql(HISTORY, { entity: 'lead', id: lead.id }, auditor)).data.history).toHaveLength(1);
      expect((await t.graphql(`{ projections { name } }`, {}, auditor)).data.projections.length).toBeGreaterThan(0);
      const rebuild = await t.graphql(`mutation { rebuildProjection(name: "crm.leads") { name } }`, {}, auditor);
      expect(rebuild.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const sales = await t.graphql(`{ projections { name } }`, {}, await as('sales'));
      expect(sales.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('bad input', () => {
    it('answers BAD_USER_INPUT with a message per field and stores nothing', async () => {
      const before = (await t.graphql(LEADS, {}, acme)).data.leads.total;
      const result = await t.graphql(CAPTURE, { input: { name: '', email: 'not-an-email' } }, acme);
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(result.errors?.[0].extensions.fields).sort()).toEqual(['email', 'name']);
      expect(result.errors?.[0].message).toContain('email must be a valid email address');
      expect((await t.graphql(LEADS, {}, acme)).data.leads.total).toBe(before);
    });
    it('answers BAD_USER_INPUT when a required field is missing', async () => {
      const result = await t.graphql(CAPTURE, { input: { name: 'No Email' } }, acme);
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });
    it('refuses an unknown sort field, naming the allowed ones', async () => {
      const result = await t.graphql(LEADS, { sortField: 'password' }, acme);
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toContain('createdAt');
    });
    it('refuses a page below 1', async () => {
      const result = await t.graphql(LEADS, { page: 0 }, acme);
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('lists', () => {
    it('filters by status and text, sorts and paginates', async () => {
      const tag = unique();
      const a = await capture({ name: `Alpha ${tag}` });
      const b = await capture({ name: `Bravo ${tag}` });
      const c = await capture({ name: `Charlie ${tag}`, company: `Co ${tag}` });
      await t.graphql(QUALIFY, { id: b.id }, acme);

      const byText = await t.graphql(LEADS, { filter: { q: tag }, sortField: 'name', sortOrder: 'ASC' }, acme);
      expect(byText.data.leads.total).toBe(3);
      expect(byText.data.leads.items.map((l: { id: string }) => l.id)).toEqual([a.id, b.id, c.id]);

      const qualified = await t.graphql(LEADS, { filter: { q: tag, status: 'QUALIFIED' } }, acme);
      expect(qualified.data.leads).toMatchObject({ total: 1, items: [{ id: b.id }] });

      const page2 = await t.graphql(LEADS, { filter: { q: tag }, sortField: 'name', sortOrder: 'DESC', page: 2, perPage: 2 }, acme);
      expect(page2.data.leads).toMatchObject({ total: 3, items: [{ id: a.id }] });
    });
  });

  describe('tenant isolation', () => {
    it('never shows or changes another tenant’s lead, its history included', async () => {
      const lead = await capture();
      expect((await t.graphql(LEAD, { id: lead.id }, globex)).data.lead).toBeNull();
      expect((await t.graphql(QUALIFY, { id: lead.id }, globex)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await t.graphql(HISTORY, { entity: 'lead', id: lead.id }, globex)).errors?.[0].extensions.code).toBe('NOT_FOUND');
      const list = await t.graphql(LEADS, { filter: { q: lead.email } }, globex);
      expect(list.data.leads.total).toBe(0);
      expect((await t.graphql(LEAD, { id: lead.id }, acme)).data.lead.status).toBe('NEW');
    });

    it('keeps the tenant from the token even if the body names another', async () => {
      const result = await t.graphql(CAPTURE, { input: { name: 'X', email: 'x@example.com', tenantId: 'globex' } }, acme);
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('row-level security hides other tenants’ rows even without a WHERE clause', async () => {
      await capture({}, globex);
      const db = new Client(t.databaseUrl);
      await db.connect();
      try {
        await db.query('BEGIN');
        await db.query(`SELECT set_config('role', 'annals_reader', true), set_config('app.tenant_id', 'acme', true)`);
        const tenants = await db.query(`SELECT DISTINCT tenant_id FROM crm_leads`);
        expect(tenants.rows).toEqual([{ tenant_id: 'acme' }]);
        await db.query(`SELECT set_config('app.tenant_id', '', true)`);
        expect((await db.query(`SELECT count(*)::int AS n FROM crm_leads`)).rows[0].n).toBe(0);
        await db.query('ROLLBACK');
      } finally {
        await db.end();
      }
    });
  });

  describe('idempotency', () => {
    it('the same Idempotency-Key twice has one effect and one answer', async () => {
      const key = { ...acme, 'idempotency-key': `capture-${unique()}` };
      const input = { name: 'Once Only', email: `once.${unique()}@example.com` };
      const first = await t.graphql(CAPTURE, { input }, key);
      const second = await t.graphql(CAPTURE, { input }, key);
      expect(second.data).toEqual(first.data);
      const list = await t.graphql(LEADS, { filter: { q: input.email } }, acme);
      expect(list.data.leads.total).toBe(1);
      const history = await t.graphql(HISTORY, { entity: 'lead', id: first.data.captureLead.id }, acme);
      expect(history.data.history.map((e: { type: string }) => e.type)).toEqual(['LeadCaptured']);
      expect(history.data.history[0].metadata.idempotencyKey).toBe(key['idempotency-key']);
    });

    it('concurrent requests with one key still have one effect', async () => {
      const lead = await capture();
      const key = { ...acme, 'idempotency-key': `qualify-${unique()}` };
      const answers = await Promise.all([1, 2, 3].map(() => t.graphql(QUALIFY, { id: lead.id }, key)));
      for (const answer of answers) expect(answer.data?.qualifyLead.status).toBe('QUALIFIED');
      const history = await t.graphql(HISTORY, { entity: 'lead', id: lead.id }, acme);
      expect(history.data.history.map((e: { type: string }) => e.type)).toEqual(['LeadCaptured', 'LeadQualified']);
    });

    it('refuses a key reused for a different request', async () => {
      const key = { ...acme, 'idempotency-key': `reuse-${unique()}` };
      await t.graphql(CAPTURE, { input: { name: 'First', email: `first.${unique()}@example.com` } }, key);
      const other = await t.graphql(CAPTURE, { input: { name: 'Second', email: `second.${unique()}@example.com` } }, key);
      expect(other.errors?.[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('history', () => {
    it('lists a lead’s events with positions and full metadata', async () => {
      const lead = await capture();
      await t.graphql(QUALIFY, { id: lead.id }, acme);
      const result = await t.graphql(HISTORY, { entity: 'lead', id: lead.id }, { ...acme, 'x-correlation-id': '11111111-2222-4333-8444-555555555555' });
      const events = result.data.history;
      expect(events.map((e: { type: string; revision: number }) => [e.type, e.revision])).toEqual([
        ['LeadCaptured', 0],
        ['LeadQualified', 1],
      ]);
      expect(BigInt(events[1].position)).toBeGreaterThan(BigInt(events[0].position));
      expect(events[0].data).toMatchObject({ leadId: lead.id, email: lead.email });
      expect(events[0].metadata).toMatchObject({
        tenantId: 'acme',
        actorId: expect.any(String),
        correlationId: expect.any(String),
        causationId: expect.any(String),
      });
      expect(events[0].metadata.correlationId).not.toBe(events[1].metadata.correlationId);
    });

    it('links a client registered by conversion to the conversion that caused it', async () => {
      const lead = await capture();
      await t.graphql(QUALIFY, { id: lead.id }, acme);
      const client = (await t.graphql(CONVERT, { id: lead.id }, acme)).data.convertLead;
      const leadEvents = (await t.graphql(HISTORY, { entity: 'lead', id: lead.id }, acme)).data.history;
      const clientEvents = (await t.graphql(HISTORY, { entity: 'client', id: client.id }, acme)).data.history;
      const converted = leadEvents.find((e: { type: string }) => e.type === 'LeadConverted');
      expect(clientEvents).toHaveLength(1);
      expect(clientEvents[0].metadata.correlationId).toBe(converted.metadata.correlationId);
    });

    it('refuses an unknown entity kind with the list of known ones', async () => {
      const result = await t.graphql(HISTORY, { entity: 'spaceship', id: '00000000-0000-4000-8000-000000000000' }, acme);
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('lead') });
    });
  });

  describe('projections', () => {
    it('shows each projection with its position and lag, and rebuilds one from the log while running', async () => {
      const lead = await capture();
      const before = await t.graphql(`{ projections { name state position headPosition lag } }`, {}, acme);
      const names = before.data.projections.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['crm.leads', 'crm.clients']));

      const rebuilt = await t.graphql(`mutation { rebuildProjection(name: "crm.leads") { name state } }`, {}, t.operator);
      expect(rebuilt.errors).toBeUndefined();
      let found = null;
      for (let i = 0; i < 100 && !found; i++) {
        found = (await t.graphql(LEAD, { id: lead.id }, acme)).data.lead;
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
      expect(found).toMatchObject({ id: lead.id, status: 'NEW' });
      const unknown = await t.graphql(`mutation { rebuildProjection(name: "nope") { name } }`, {}, t.operator);
      expect(unknown.errors?.[0].extensions.code).toBe('UNKNOWN_PROJECTION');
    });
  });
});
