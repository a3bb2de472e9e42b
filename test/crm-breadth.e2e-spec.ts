import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '../src/shared/event-store/event-store.port';
import { startTestApp, TestApp } from './support/app';

const CLIENT_FIELDS = `id name email company phone leadId ownerId owner { id email } archived archivedReason
  contacts { id name email phone role } billingAddress { line1 line2 city postalCode country } shippingAddress { city country }`;
const REGISTER = `mutation ($input: RegisterClientInput!) { registerClient(input: $input) { ${CLIENT_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateClientDetailsInput!) { updateClientDetails(id: $id, input: $input) { ${CLIENT_FIELDS} } }`;
const ARCHIVE = `mutation ($id: ID!, $reason: String) { archiveClient(id: $id, reason: $reason) { id archived archivedReason } }`;
const RESTORE = `mutation ($id: ID!) { restoreClient(id: $id) { id archived } }`;
const ADD_CONTACT = `mutation ($clientId: ID!, $input: AddContactInput!) { addContact(clientId: $clientId, input: $input) { contacts { id name email role } } }`;
const REMOVE_CONTACT = `mutation ($clientId: ID!, $contactId: ID!) { removeContact(clientId: $clientId, contactId: $contactId) { contacts { id } } }`;
const SET_ADDRESS = `mutation ($clientId: ID!, $kind: AddressKind!, $input: SetClientAddressInput!) {
  setClientAddress(clientId: $clientId, kind: $kind, input: $input) { billingAddress { line1 line2 city postalCode country } shippingAddress { city country } } }`;
const ASSIGN_CLIENT = `mutation ($id: ID!, $ownerId: ID!) { assignClientOwner(id: $id, ownerId: $ownerId) { ownerId owner { email } } }`;
const ASSIGN_LEAD = `mutation ($id: ID!, $ownerId: ID!) { assignLeadOwner(id: $id, ownerId: $ownerId) { id ownerId owner { email } } }`;
const LOG = `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id subjectType subjectId kind subject notes dueOn completed completedAt loggedBy createdAt } }`;
const COMPLETE = `mutation ($id: ID!) { completeTask(id: $id) { id completed completedAt } }`;
const VIEW = `query ($id: ID!) { client(id: $id) { id archived lastActivityAt orderCount lifetimeRevenue openReceivables
  activities { id kind subject } } }`;
const CLIENTS = `query ($filter: ClientFilter) { clients(filter: $filter, perPage: 500) { total items { id archived } } }`;
const ACTIVITIES = `query ($filter: ActivityFilter) { activities(filter: $filter, perPage: 500) { total items { id kind completed } } }`;
const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id ownerId owner { email } } }`;

const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('CRM breadth through GraphQL (clients, contacts, addresses, owners, activities, counters)', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};
  const unique = () => Math.random().toString(36).slice(2, 10);

  beforeAll(async () => {
    t = await startTestApp();
    for (const email of ['admin@acme.test', 'sales@acme.test', 'accountant@acme.test', 'auditor@acme.test', 'admin@globex.test']) {
      headers[email] = { authorization: `Bearer ${await t.login(email)}` };
      ids[email] = (await t.graphql(`{ me { userId } }`, {}, headers[email])).data.me.userId;
    }
  });
  afterAll(() => t?.close());

  const sales = () => headers['sales@acme.test'];
  const ok = async (query: string, variables: Record<string, unknown>, as = sales()) => {
    const result = await t.graphql(query, variables, as);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const refused = async (query: string, variables: Record<string, unknown>, as = sales()) => {
    const result = await t.graphql(query, variables, as);
    expect(result.errors).toBeDefined();
    return result.errors![0];
  };
  const register = async (input: Record<string, unknown> = {}, as = sales()) =>
    (await ok(REGISTER, { input: { name: 'Grace Hopper', email: `grace.${unique()}@example.com`, ...input } }, as)).registerClient;

  describe('clients', () => {
    it('registers a client directly, owned by whoever registered it', async () => {
      const client = await register({ company: ' Navy ', phone: '+1 555 0100' });
      expect(client).toMatchObject({
        name: 'Grace Hopper',
        company: 'Navy',
        phone: '+1 555 0100',
        leadId: null,
        ownerId: ids['sales@acme.test'],
        owner: { id: ids['sales@acme.test'], email: 'sales@acme.test' },
        archived: false,
        contacts: [],
        billingAddress: null,
      });
    });

    it('updates only the details given, and null clears an optional one', async () => {
      const client = await register({ company: 'Navy', phone: '1' });
      const updated = (await ok(UPDATE, { id: client.id, input: { name: 'Rear Admiral Hopper', phone: null } })).updateClientDetails;
      expect(updated).toMatchObject({ name: 'Rear Admiral Hopper', email: client.email, company: 'Navy', phone: null });
      const bad = await refused(UPDATE, { id: client.id, input: { email: 'nope' } });
      expect(bad.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('archives a client: hidden from the default list, refusing changes until restored', async () => {
      const client = await register();
      const archived = (await ok(ARCHIVE, { id: client.id, reason: 'Went quiet' })).archiveClient;
      expect(archived).toEqual({ id: client.id, archived: true, archivedReason: 'Went quiet' });
      const active = (await ok(CLIENTS, {})).clients.items.map((c: { id: string }) => c.id);
      expect(active).not.toContain(client.id);
      const archivedList = (await ok(CLIENTS, { filter: { archived: true } })).clients.items;
      expect(archivedList).toContainEqual({ id: client.id, archived: true });

      for (const [query, variables] of [
        [UPDATE, { id: client.id, input: { name: 'X' } }],
        [ADD_CONTACT, { clientId: client.id, input: { name: 'Bob' } }],
        [ASSIGN_CLIENT, { id: client.id, ownerId: ids['admin@acme.test'] }],
        [LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'NOTE', subject: 'Hello' } }],
        [ARCHIVE, { id: client.id }],
      ] as const) {
        const error = await refused(query, variables);
        expect(error).toMatchObject({ extensions: { code: 'CLIENT_ARCHIVED' }, message: expect.stringContaining('restore') });
      }
      expect((await ok(RESTORE, { id: client.id })).restoreClient).toEqual({ id: client.id, archived: false });
      expect((await refused(RESTORE, { id: client.id })).extensions.code).toBe('CLIENT_NOT_ARCHIVED');
      expect((await ok(CLIENTS, {})).clients.items.map((c: { id: string }) => c.id)).toContain(client.id);
    });

    it('adds and removes contacts; removing an unknown contact is refused', async () => {
      const client = await register();
      const added = (await ok(ADD_CONTACT, { clientId: client.id, input: { name: ' Bob ', email: 'bob@example.com', role: 'Buyer' } })).addContact;
      expect(added.contacts).toEqual([{ id: expect.any(String), name: 'Bob', email: 'bob@example.com', role: 'Buyer' }]);
      const contactId = added.contacts[0].id;
      expect((await ok(REMOVE_CONTACT, { clientId: client.id, contactId })).removeContact.contacts).toEqual([]);
      expect((await refused(REMOVE_CONTACT, { clientId: client.id, contactId })).extensions.code).toBe('CONTACT_NOT_FOUND');
      expect((await refused(ADD_CONTACT, { clientId: client.id, input: { name: 'Bob', email: 'bob' } })).extensions.code).toBe('BAD_USER_INPUT');
    });

    it('sets billing and shipping addresses', async () => {
      const client = await register();
      const address = { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'us' };
      const billed = (await ok(SET_ADDRESS, { clientId: client.id, kind: 'BILLING', input: address })).setClientAddress;
      expect(billed).toEqual({ billingAddress: { ...address, line2: null, country: 'US' }, shippingAddress: null });
      const shipped = (await ok(SET_ADDRESS, { clientId: client.id, kind: 'SHIPPING', input: { ...address, city: 'Shelbyville', country: 'DE' } }))
        .setClientAddress;
      expect(shipped.shippingAddress).toEqual({ city: 'Shelbyville', country: 'DE' });
      expect(shipped.billingAddress.city).toBe('Springfield');
      const bad = await refused(SET_ADDRESS, { clientId: client.id, kind: 'BILLING', input: { ...address, country: 'USA' } });
      expect(bad).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('two-letter') });
    });

    it('registers once and adds a contact once when the same Idempotency-Key is sent twice', async () => {
      const email = `once.${unique()}@example.com`;
      const keyed = { ...sales(), 'idempotency-key': `register-${unique()}` };
      const first = (await ok(REGISTER, { input: { name: 'Once', email } }, keyed)).registerClient;
      const second = (await ok(REGISTER, { input: { name: 'Once', email } }, keyed)).registerClient;
      expect(second.id).toBe(first.id);
      expect((await ok(CLIENTS, { filter: { q: email } })).clients.total).toBe(1);

      const contactKey = { ...sales(), 'idempotency-key': `contact-${unique()}` };
      await ok(ADD_CONTACT, { clientId: first.id, input: { name: 'Bob' } }, contactKey);
      const again = (await ok(ADD_CONTACT, { clientId: first.id, input: { name: 'Bob' } }, contactKey)).addContact;
      expect(again.contacts).toHaveLength(1);
    });

    it('answers NOT_FOUND for a client that does not exist', async () => {
      expect((await refused(ARCHIVE, { id: randomUUID() })).extensions.code).toBe('NOT_FOUND');
      expect((await refused(ARCHIVE, { id: 'not-an-id' })).extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('owners', () => {
    it('reassigns a client and a lead to a user of the tenant, refusing a user of another tenant', async () => {
      const client = await register();
      const reassigned = (await ok(ASSIGN_CLIENT, { id: client.id, ownerId: ids['admin@acme.test'] })).assignClientOwner;
      expect(reassigned).toEqual({ ownerId: ids['admin@acme.test'], owner: { email: 'admin@acme.test' } });
      expect((await refused(ASSIGN_CLIENT, { id: client.id, ownerId: ids['admin@globex.test'] })).extensions.code).toBe('OWNER_NOT_IN_TENANT');
      expect((await refused(ASSIGN_CLIENT, { id: client.id, ownerId: randomUUID() })).extensions.code).toBe('OWNER_NOT_IN_TENANT');

      const lead = (await ok(CAPTURE, { input: { name: 'Lin', email: `lin.${unique()}@example.com`, source: 'web' } })).captureLead;
      expect(lead).toMatchObject({ ownerId: ids['sales@acme.test'], owner: { email: 'sales@acme.test' } });
      const assigned = (await ok(ASSIGN_LEAD, { id: lead.id, ownerId: ids['accountant@acme.test'] })).assignLeadOwner;
      expect(assigned).toMatchObject({ ownerId: ids['accountant@acme.test'], owner: { email: 'accountant@acme.test' } });
      expect((await refused(ASSIGN_LEAD, { id: lead.id, ownerId: ids['admin@globex.test'] })).extensions.code).toBe('OWNER_NOT_IN_TENANT');
      const owned = await ok(`query ($o: ID!) { leads(filter: { ownerId: $o }, perPage: 500) { items { id } } }`, { o: ids['accountant@acme.test'] });
      expect(owned.leads.items).toContainEqual({ id: lead.id });
      const clientsOwned = await ok(`query ($o: ID!) { clients(filter: { ownerId: $o }, perPage: 500) { items { id } } }`, { o: ids['admin@acme.test'] });
      expect(clientsOwned.clients.items).toContainEqual({ id: client.id });

      // A page of leads asks identity for its owners together: each lead still gets its own owner.
      await ok(CAPTURE, { input: { name: 'Mo', email: `mo.${unique()}@example.com`, source: 'web' } });
      const page = (await ok(`{ leads(perPage: 500) { items { id ownerId owner { id email } } } }`, {})).leads.items;
      const owners = new Map(Object.entries(ids).map(([email, id]) => [id, email]));
      for (const item of page.filter((l: { ownerId: string | null }) => l.ownerId))
        expect(item.owner).toEqual(owners.has(item.ownerId) ? { id: item.ownerId, email: owners.get(item.ownerId) } : null);
      expect(page.find((l: { id: string }) => l.id === lead.id).owner).toEqual({ id: ids['accountant@acme.test'], email: 'accountant@acme.test' });
      expect(new Set(page.map((l: { owner: { id: string } | null }) => l.owner?.id).filter(Boolean)).size).toBeGreaterThanOrEqual(2);
    });

    it("gives the client of a converted lead the lead's owner and phone", async () => {
      const lead = (await ok(CAPTURE, { input: { name: 'Kay', email: `kay.${unique()}@example.com`, phone: '+1 555 0123' } })).captureLead;
      await ok(ASSIGN_LEAD, { id: lead.id, ownerId: ids['admin@acme.test'] });
      await ok(`mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id });
      const client = (await ok(`mutation ($id: ID!) { convertLead(id: $id) { id ownerId phone owner { email } } }`, { id: lead.id })).convertLead;
      expect(client).toMatchObject({ ownerId: ids['admin@acme.test'], phone: '+1 555 0123', owner: { email: 'admin@acme.test' } });
    });
  });

  describe('activities', () => {
    it('logs activities on a lead and a client, completes a task once, and filters them', async () => {
      const client = await register();
      const lead = (await ok(CAPTURE, { input: { name: 'Lin', email: `lin.${unique()}@example.com` } })).captureLead;
      const call = (await ok(LOG, { input: { subjectType: 'LEAD', subjectId: lead.id, kind: 'CALL', subject: 'Intro call', notes: 'Keen' } })).logActivity;
      expect(call).toMatchObject({ subjectType: 'LEAD', subjectId: lead.id, kind: 'CALL', notes: 'Keen', completed: false, loggedBy: ids['sales@acme.test'] });
      const task = (await ok(LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'TASK', subject: 'Send contract', dueOn: '2026-12-01' } }))
        .logActivity;
      expect(task).toMatchObject({ kind: 'TASK', dueOn: '2026-12-01', completed: false, completedAt: null });
      const note = (await ok(LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'NOTE', subject: 'Prefers email' } })).logActivity;

      expect((await ok(ACTIVITIES, { filter: { subjectId: client.id, open: true } })).activities).toEqual({
        total: 1,
        items: [{ id: task.id, kind: 'TASK', completed: false }],
      });
      const done = (await ok(COMPLETE, { id: task.id })).completeTask;
      expect(done).toMatchObject({ id: task.id, completed: true, completedAt: expect.any(String) });
      expect((await refused(COMPLETE, { id: task.id })).extensions.code).toBe('TASK_ALREADY_COMPLETED');
      expect((await refused(COMPLETE, { id: note.id })).extensions.code).toBe('NOT_A_TASK');
      expect((await ok(ACTIVITIES, { filter: { subjectId: client.id, open: true } })).activities.total).toBe(0);
      expect((await ok(ACTIVITIES, { filter: { subjectId: client.id, open: false } })).activities.total).toBe(2);
      expect((await ok(ACTIVITIES, { filter: { subjectId: lead.id, kind: 'CALL', open: true } })).activities.total).toBe(0);
      const leadView = await ok(`query ($id: ID!) { lead(id: $id) { activities { id subject } } }`, { id: lead.id });
      expect(leadView.lead.activities).toEqual([{ id: call.id, subject: 'Intro call' }]);
      expect((await ok(ACTIVITIES, { filter: { subjectType: 'LEAD', subjectId: lead.id } })).activities.items).toEqual([
        { id: call.id, kind: 'CALL', completed: false },
      ]);

      const view = (await ok(VIEW, { id: client.id })).client;
      expect(view.activities.map((a: { id: string }) => a.id)).toEqual([note.id, task.id]);
      expect(new Date(view.lastActivityAt).getTime()).toBeGreaterThanOrEqual(new Date(task.createdAt).getTime());

      const history = await ok(`query ($id: ID!) { history(entity: "activity", id: $id) { type } }`, { id: task.id });
      expect(history.history.map((e: { type: string }) => e.type)).toEqual(['ActivityLogged', 'TaskCompleted']);
    });

    it('refuses bad activity input and unknown subjects', async () => {
      const client = await register();
      const base = { subjectType: 'CLIENT', subjectId: client.id, kind: 'TASK', subject: 'x' };
      expect((await refused(LOG, { input: { ...base, dueOn: '2026-02-30' } })).extensions.code).toBe('INVALID_DUE_DATE');
      expect((await refused(LOG, { input: { ...base, kind: 'LUNCH' } })).extensions.code).toBe('BAD_USER_INPUT');
      expect((await refused(LOG, { input: { ...base, subjectId: randomUUID() } })).extensions.code).toBe('NOT_FOUND');
      expect((await refused(LOG, { input: { ...base, subjectType: 'LEAD' } })).extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('the client view counters', () => {
    it('counts orders and moves lifetime revenue and open receivables with billing events', async () => {
      const client = await register();
      const view = () => ok(VIEW, { id: client.id }).then((data) => data.client);
      expect(await view()).toMatchObject({ orderCount: 0, lifetimeRevenue: '0.00', openReceivables: '0.00', lastActivityAt: null });

      const store = t.app.get<EventStore>(EVENT_STORE);
      const tenant = (await ok(`{ me { tenantId } }`, {})).me.tenantId;
      const metadata = { tenantId: tenant, actorId: 'test', correlationId: randomUUID(), causationId: randomUUID() };
      const invoiceId = randomUUID();
      const orderId = randomUUID();
      await store.appendToStream(
        `order-${orderId}`,
        [{ id: randomUUID(), type: 'OrderPlaced', data: { orderId, clientId: client.id, currency: 'USD', total: 12550 }, metadata }],
        {
          expectedRevision: 'no_stream',
        },
      );
      const billing = { invoiceId, clientId: client.id, currency: 'USD' };
      await store.appendToStream(
        `invoice-${invoiceId}`,
        [
          {
            id: randomUUID(),
            type: 'InvoiceIssued',
            data: { ...billing, number: 'INV-TEST-1', orderId, issuedOn: '2026-11-21', dueOn: '2026-12-21', net: 10459, tax: 2091, total: 12550 },
            metadata,
          },
          {
            id: randomUUID(),
            type: 'PaymentRecorded',
            data: { ...billing, paymentId: randomUUID(), amount: 5000, method: 'card', reference: 'r1', receivedOn: '2026-11-21' },
            metadata,
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      const counted = await until(view, (v) => v.openReceivables !== '0.00', 'the client summary');
      expect(counted).toMatchObject({ orderCount: 1, lifetimeRevenue: '125.50', openReceivables: '75.50' });

      // Globex sees none of it, and its own client view of that id is null.
      expect((await ok(VIEW, { id: client.id }, headers['admin@globex.test'])).client).toBeNull();
    });
  });

  describe('roles and tenants', () => {
    it('lets admin and sales change CRM data; accountants and auditors only read it', async () => {
      const client = await register({}, headers['admin@acme.test']);
      for (const email of ['accountant@acme.test', 'auditor@acme.test']) {
        const as = headers[email];
        expect((await ok(VIEW, { id: client.id }, as)).client.id).toBe(client.id);
        expect((await ok(ACTIVITIES, {}, as)).activities.total).toBeGreaterThanOrEqual(0);
        expect((await ok(`{ leadPipeline { byStatus { status count } } }`, {}, as)).leadPipeline.byStatus).toHaveLength(4);
        for (const [query, variables] of [
          [REGISTER, { input: { name: 'X', email: 'x@example.com' } }],
          [UPDATE, { id: client.id, input: { name: 'X' } }],
          [ARCHIVE, { id: client.id }],
          [ADD_CONTACT, { clientId: client.id, input: { name: 'X' } }],
          [SET_ADDRESS, { clientId: client.id, kind: 'BILLING', input: { line1: 'a', city: 'b', postalCode: 'c', country: 'US' } }],
          [ASSIGN_CLIENT, { id: client.id, ownerId: ids[email] }],
          [LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'NOTE', subject: 'x' } }],
        ] as const) {
          expect((await refused(query, variables, as)).extensions.code).toBe('FORBIDDEN');
        }
      }
    });

    it('keeps tenants apart: another tenant can neither see nor change a client, its contacts or activities', async () => {
      const client = await register();
      const task = (await ok(LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'TASK', subject: 'Call' } })).logActivity;
      const globex = headers['admin@globex.test'];
      expect((await ok(`query ($id: ID!) { client(id: $id) { id } }`, { id: client.id }, globex)).client).toBeNull();
      expect((await ok(CLIENTS, { filter: { q: client.email } }, globex)).clients.total).toBe(0);
      expect((await ok(ACTIVITIES, { filter: { subjectId: client.id } }, globex)).activities.total).toBe(0);
      expect((await refused(UPDATE, { id: client.id, input: { name: 'Stolen' } }, globex)).extensions.code).toBe('NOT_FOUND');
      expect((await refused(ADD_CONTACT, { clientId: client.id, input: { name: 'Spy' } }, globex)).extensions.code).toBe('NOT_FOUND');
      expect((await refused(COMPLETE, { id: task.id }, globex)).extensions.code).toBe('NOT_FOUND');
      expect((await refused(LOG, { input: { subjectType: 'CLIENT', subjectId: client.id, kind: 'NOTE', subject: 'x' } }, globex)).extensions.code).toBe(
        'NOT_FOUND',
      );
      expect((await ok(`query ($id: ID!) { client(id: $id) { name } }`, { id: client.id })).client.name).toBe('Grace Hopper');
    });
  });

  describe('lead pipeline', () => {
    it('counts leads by status (every status shown) and by source', async () => {
      const globex = headers['admin@globex.test'];
      const before = (await ok(`{ leadPipeline { byStatus { status count } bySource { source count } } }`, {}, globex)).leadPipeline;
      const source = `fair-${unique()}`;
      for (let i = 0; i < 2; i++) await ok(CAPTURE, { input: { name: 'P', email: `p.${unique()}@example.com`, source } }, globex);
      const lead = (await ok(CAPTURE, { input: { name: 'Q', email: `q.${unique()}@example.com`, source } }, globex)).captureLead;
      await ok(`mutation ($id: ID!) { qualifyLead(id: $id) { id } }`, { id: lead.id }, globex);
      const after = (await ok(`{ leadPipeline { byStatus { status count } bySource { source count } } }`, {}, globex)).leadPipeline;
      const count = (pipeline: typeof before, status: string) => pipeline.byStatus.find((s: { status: string }) => s.status === status).count;
      expect(after.byStatus.map((s: { status: string }) => s.status)).toEqual(['NEW', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED']);
      expect(count(after, 'NEW') - count(before, 'NEW')).toBe(2);
      expect(count(after, 'QUALIFIED') - count(before, 'QUALIFIED')).toBe(1);
      expect(after.bySource).toContainEqual({ source, count: 3 });
    });
  });
});
