import { randomUUID } from 'node:crypto';
import { RecordedEvent } from '../src/shared/event-store/event-store.port';
import { Database, migrate, openDatabase } from '../src/app-database';
import { Projection } from '../src/shared/projection/projection';
import { clientsProjection } from '../projections/crm/clients.projection';
import { leadsProjection } from '../projections/crm/leads.projection';
import { activitiesProjection } from '../projections/crm/activities.projection';
import { clientSummaryProjection } from '../projections/crm/client-summary.projection';
import { createTestDatabase, TestDatabase } from './support/postgres';

let position = 0n;
const revisions = new Map<string, bigint>();
const recorded = (streamName: string, type: string, data: Record<string, unknown>, tenantId = 'acme', actorId = 'user-1'): RecordedEvent => {
  const revision = revisions.get(streamName) ?? 0n;
  revisions.set(streamName, revision + 1n);
  return {
    id: randomUUID(),
    streamName,
    type,
    revision,
    position: ++position,
    data,
    metadata: { tenantId, actorId, correlationId: randomUUID(), causationId: randomUUID() },
    recordedAt: new Date(Date.UTC(2026, 10, 21, 12, 0, Number(position))),
  };
};

describe('CRM projections (PostgreSQL)', () => {
  let db: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    db = await createTestDatabase('crm_projections');
    database = await openDatabase(db.url, { poolSize: 2 });
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  const apply = async (projection: Projection, events: RecordedEvent[]) => {
    const tx = await database.pool.connect();
    try {
      await tx.query('BEGIN');
      await projection.applyBatch(
        tx,
        events.filter((event) => projection.handles.includes(event.type)),
      );
      await tx.query('COMMIT');
    } finally {
      tx.release();
    }
  };
  const one = async (sql: string, params: unknown[]) => (await database.pool.query(sql, params)).rows[0];

  it('keeps a client row with contacts, addresses, owner and archive state, in one batch or many', async () => {
    const clientId = randomUUID();
    const contactA = randomUUID();
    const contactB = randomUUID();
    const stream = `client-${clientId}`;
    const address = { line1: '1 Main St', line2: null, city: 'Springfield', postalCode: '12345', country: 'US' };
    const events = [
      recorded(stream, 'ClientRegistered', { clientId, name: 'Ada', email: 'ada@example.com', company: null, leadId: null }, 'acme', 'creator'),
      recorded(stream, 'ContactAdded', { clientId, contactId: contactA, name: 'Bob', email: null, phone: null, role: 'Buyer' }),
      recorded(stream, 'ContactAdded', { clientId, contactId: contactB, name: 'Eve', email: 'eve@example.com', phone: '1', role: null }),
      recorded(stream, 'ContactRemoved', { clientId, contactId: contactA }),
      recorded(stream, 'ClientAddressSet', { clientId, kind: 'SHIPPING', address }),
      recorded(stream, 'ClientDetailsUpdated', { clientId, name: 'Ada L.', email: 'ada@example.com', company: 'AE', phone: '+1' }),
      recorded(stream, 'ClientArchived', { clientId, reason: 'closed' }),
    ];
    await apply(clientsProjection, events.slice(0, 2));
    expect(await one(`SELECT owner_id, archived, contacts FROM crm_clients WHERE id = $1`, [clientId])).toEqual({
      owner_id: 'creator',
      archived: false,
      contacts: [{ contactId: contactA, name: 'Bob', email: null, phone: null, role: 'Buyer' }],
    });
    await apply(clientsProjection, events.slice(2));
    const row = await one(`SELECT * FROM crm_clients WHERE id = $1`, [clientId]);
    expect(row).toMatchObject({
      name: 'Ada L.',
      company: 'AE',
      phone: '+1',
      archived: true,
      archived_reason: 'closed',
      contacts: [{ contactId: contactB, name: 'Eve', email: 'eve@example.com', phone: '1', role: null }],
      billing_address: null,
      shipping_address: address,
      revision: '6',
    });
    await apply(clientsProjection, [
      recorded(stream, 'ClientRestored', { clientId }),
      recorded(stream, 'ClientOwnerAssigned', { clientId, ownerId: 'someone-else' }),
    ]);
    expect(await one(`SELECT owner_id, archived, archived_reason FROM crm_clients WHERE id = $1`, [clientId])).toEqual({
      owner_id: 'someone-else',
      archived: false,
      archived_reason: null,
    });
  });

  it('gives a lead its capturer as owner until reassigned', async () => {
    const leadId = randomUUID();
    const stream = `lead-${leadId}`;
    await apply(leadsProjection, [
      recorded(stream, 'LeadCaptured', { leadId, name: 'L', email: 'l@example.com', company: null, phone: null, source: 'web' }, 'acme', 'capturer'),
    ]);
    expect((await one(`SELECT owner_id FROM crm_leads WHERE id = $1`, [leadId])).owner_id).toBe('capturer');
    await apply(leadsProjection, [recorded(stream, 'LeadOwnerAssigned', { leadId, ownerId: 'new-owner' })]);
    expect(await one(`SELECT owner_id, status FROM crm_leads WHERE id = $1`, [leadId])).toEqual({ owner_id: 'new-owner', status: 'NEW' });
  });

  it('records activities and completes tasks', async () => {
    const activityId = randomUUID();
    const subjectId = randomUUID();
    const stream = `activity-${activityId}`;
    await apply(activitiesProjection, [
      recorded(stream, 'ActivityLogged', {
        activityId,
        subjectType: 'CLIENT',
        subjectId,
        kind: 'TASK',
        subject: 'Call back',
        notes: null,
        dueOn: '2026-12-01',
      }),
      recorded(stream, 'TaskCompleted', { activityId, subjectType: 'CLIENT', subjectId, completedAt: '2026-11-22T09:00:00.000Z' }),
    ]);
    const row = await one(`SELECT * FROM crm_activities WHERE id = $1`, [activityId]);
    expect(row).toMatchObject({ subject_type: 'CLIENT', subject_id: subjectId, kind: 'TASK', due_on: '2026-12-01', completed: true, actor_id: 'user-1' });
    expect(row.completed_at.toISOString()).toBe('2026-11-22T09:00:00.000Z');
  });

  it('counts orders and billing per client, tolerating events it cannot use', async () => {
    const clientId = randomUUID();
    const otherTenantsClient = randomUUID();
    const invoiceA = randomUUID();
    const invoiceB = randomUUID();
    const billing = { clientId, currency: 'USD' };
    await apply(clientSummaryProjection, [
      recorded(`order-${randomUUID()}`, 'OrderPlaced', { orderId: randomUUID(), clientId, total: 100 }),
      recorded(`order-${randomUUID()}`, 'OrderPlaced', { orderId: randomUUID(), clientId, total: 100 }),
      recorded(`quote-${randomUUID()}`, 'OrderPlaced', { clientId }), // not an order stream
      recorded(`order-${randomUUID()}`, 'OrderPlaced', { clientId: 'not-a-uuid' }),
      recorded(`invoice-${invoiceA}`, 'InvoiceIssued', { ...billing, invoiceId: invoiceA, total: 12000 }),
      recorded(`invoice-${invoiceA}`, 'PaymentRecorded', { ...billing, invoiceId: invoiceA, amount: 5000 }),
    ]);
    expect(await one(`SELECT order_count, invoiced, paid FROM crm_client_summaries WHERE client_id = $1`, [clientId])).toEqual({
      order_count: 2,
      invoiced: '12000',
      paid: '5000',
    });
    await apply(clientSummaryProjection, [
      recorded(`invoice-${invoiceA}`, 'CreditNoteIssued', { ...billing, invoiceId: invoiceA, amount: 1000 }),
      recorded(`invoice-${invoiceB}`, 'InvoiceIssued', { ...billing, invoiceId: invoiceB, total: 3050 }),
      recorded(`invoice-${invoiceB}`, 'InvoiceVoided', { ...billing, invoiceId: invoiceB, total: 3050 }),
      recorded(`invoice-${invoiceB}`, 'PaymentRecorded', { ...billing, invoiceId: invoiceB, amount: 'a lot' }),
      recorded(`order-${randomUUID()}`, 'OrderPlaced', { clientId: otherTenantsClient }, 'globex'),
    ]);
    const row = await one(
      `SELECT order_count, invoiced - credited - voided AS lifetime, invoiced - paid - credited - voided AS open, tenant_id
         FROM crm_client_summaries WHERE client_id = $1`,
      [clientId],
    );
    expect(row).toEqual({ order_count: 2, lifetime: '11000', open: '6000', tenant_id: 'acme' });
    expect((await one(`SELECT tenant_id FROM crm_client_summaries WHERE client_id = $1`, [otherTenantsClient])).tenant_id).toBe('globex');
  });
});
