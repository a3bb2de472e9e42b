import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CommandContext } from '../src/shared/command/command-context';
import { EventSourcedRunner } from '../src/shared/command/event-sourced-runner';
import { ExpectedRevision, NewEvent, ReadStreamOptions } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ensureEventStoreSchema } from '../src/shared/event-store/postgres/postgres-event-store.schema';
import { leadDecider } from '../src/crm/domain/lead';
import { leadStream } from '../src/crm/domain/lead.events';
import { createTestDatabase, TestDatabase } from './support/postgres';

/** The real store, counting the reads and appends that reach it. */
class CountingStore extends PostgresEventStore {
  reads = 0;
  appends = 0;
  override readStream(streamName: string, options?: ReadStreamOptions) {
    this.reads++;
    return super.readStream(streamName, options);
  }
  override appendToStream(streamName: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }) {
    this.appends++;
    return super.appendToStream(streamName, events, options);
  }
}

describe('EventSourcedRunner on the PostgreSQL store: kept histories are hints, never trusted', () => {
  let database: TestDatabase;
  let pool: Pool;
  let store: CountingStore;
  /** Two runners on one store: two app instances, each unaware of the other's appends. */
  let here: EventSourcedRunner;
  let elsewhere: EventSourcedRunner;

  const context = (tenantId = 'acme', idempotencyKey?: string): CommandContext => ({
    tenantId,
    actorId: 'user-1',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    idempotencyKey,
  });
  const capture = (leadId: string) => ({ type: 'CaptureLead' as const, leadId, name: 'Ada', email: 'ada@example.com' });
  const statuses = async (leadId: string) => (await store.readStream(leadStream(leadId))).map((event) => event.type);

  beforeAll(async () => {
    database = await createTestDatabase('event_sourced_runner');
    pool = new Pool({ connectionString: database.url, max: 5 });
    await ensureEventStoreSchema(pool);
    store = new CountingStore(pool);
  });
  beforeEach(() => {
    here = new EventSourcedRunner(store);
    elsewhere = new EventSourcedRunner(store);
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await database.drop();
  });

  it('captures a new lead without reading, then qualifies it from the kept history without reading', async () => {
    const leadId = randomUUID();
    store.reads = 0;
    await here.run(leadDecider, leadStream(leadId), capture(leadId), context());
    const qualified = await here.run(leadDecider, leadStream(leadId), { type: 'QualifyLead', leadId }, context());
    expect(store.reads).toBe(0);
    expect(qualified.state).toMatchObject({ status: 'QUALIFIED' });
    expect(await statuses(leadId)).toEqual(['LeadCaptured', 'LeadQualified']);
  });

  it('reads a stream it knows nothing of when the command is not a creation', async () => {
    const leadId = randomUUID();
    await elsewhere.run(leadDecider, leadStream(leadId), capture(leadId), context());
    store.reads = 0;
    const result = await here.run(leadDecider, leadStream(leadId), { type: 'QualifyLead', leadId }, context());
    expect(store.reads).toBe(1);
    expect(result.state).toMatchObject({ status: 'QUALIFIED' });
  });

  it('refuses a second capture of an existing lead with the domain error, not a concurrency error', async () => {
    const leadId = randomUUID();
    await elsewhere.run(leadDecider, leadStream(leadId), capture(leadId), context());
    await expect(here.run(leadDecider, leadStream(leadId), capture(leadId), context())).rejects.toMatchObject({ code: 'LEAD_ALREADY_EXISTS' });
    expect(await statuses(leadId)).toEqual(['LeadCaptured']);
  });

  it('decides on the stored stream when another instance appended after the kept history (append refused, re-read)', async () => {
    const leadId = randomUUID();
    await here.run(leadDecider, leadStream(leadId), capture(leadId), context());
    await elsewhere.run(leadDecider, leadStream(leadId), { type: 'QualifyLead', leadId }, context());
    // `here` still keeps NEW: disqualifying is allowed there, but not on the stored (QUALIFIED) lead.
    await expect(here.run(leadDecider, leadStream(leadId), { type: 'DisqualifyLead', leadId, reason: 'stale' }, context())).rejects.toMatchObject({
      code: 'LEAD_NOT_NEW',
    });
    expect(await statuses(leadId)).toEqual(['LeadCaptured', 'LeadQualified']);
  });

  it('does not answer with a refusal that only the kept history justifies', async () => {
    const leadId = randomUUID();
    const clientId = randomUUID();
    await here.run(leadDecider, leadStream(leadId), capture(leadId), context());
    await elsewhere.run(leadDecider, leadStream(leadId), { type: 'QualifyLead', leadId }, context());
    // `here` keeps NEW, where converting is refused; the stored lead is QUALIFIED, where it is allowed.
    const converted = await here.run(leadDecider, leadStream(leadId), { type: 'ConvertLead', leadId, clientId }, context());
    expect(converted.state).toMatchObject({ status: 'CONVERTED', clientId });
    expect(await statuses(leadId)).toEqual(['LeadCaptured', 'LeadQualified', 'LeadConverted']);
  });

  it("hides another tenant's stream whether or not its history is kept", async () => {
    const leadId = randomUUID();
    await here.run(leadDecider, leadStream(leadId), capture(leadId), context('acme'));
    await expect(here.run(leadDecider, leadStream(leadId), { type: 'QualifyLead', leadId }, context('globex'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(elsewhere.run(leadDecider, leadStream(leadId), { type: 'QualifyLead', leadId }, context('globex'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await statuses(leadId)).toEqual(['LeadCaptured']);
  });

  it('recognises a keyed repeat from the stored stream, even when the first run happened elsewhere', async () => {
    const leadId = randomUUID();
    await here.run(leadDecider, leadStream(leadId), capture(leadId), context());
    const key = `qualify-${leadId}`;
    const first = await elsewhere.run(leadDecider, leadStream(leadId), { type: 'QualifyLead', leadId }, context('acme', key));
    store.appends = 0;
    const repeat = await here.run(leadDecider, leadStream(leadId), { type: 'QualifyLead', leadId }, context('acme', key));
    expect(store.appends).toBe(0);
    expect(repeat.position).toBe(first.position);
    expect(await statuses(leadId)).toEqual(['LeadCaptured', 'LeadQualified']);
  });

  it('consults another record in one read, and a record of another tenant reads as none', async () => {
    const leadId = randomUUID();
    await elsewhere.run(leadDecider, leadStream(leadId), capture(leadId), context('acme'));
    store.reads = 0;
    const mine = await here.stateInTenant(leadDecider, leadStream(leadId), 'acme');
    const theirs = await here.stateInTenant(leadDecider, leadStream(leadId), 'globex');
    const nobody = await here.stateInTenant(leadDecider, leadStream(randomUUID()), 'acme');
    expect(store.reads).toBe(3);
    expect(mine).toMatchObject({ exists: true, state: { status: 'NEW', id: leadId } });
    expect(theirs).toEqual({ exists: false, state: { status: 'NONE' } });
    expect(nobody).toEqual({ exists: false, state: { status: 'NONE' } });
  });
});
