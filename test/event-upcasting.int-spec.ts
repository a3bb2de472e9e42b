import { randomUUID } from 'node:crypto';
import { Database, migrate, openDatabase } from '../src/app-database';
import { NewEvent, RecordedEvent } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { fold, foldStored } from '../src/shared/domain/decider';
import { UnknownEventTypeError } from '../src/shared/domain/event-registry';
import { clientDecider } from '../src/crm/domain/client';
import { ClientRegistered, clientStream } from '../src/crm/domain/client.events';
import { clientEvents } from '../src/crm/domain/crm.events';
import { clientsProjection } from '../projections/crm/clients.projection';
import { decodeEvent } from '../src/events';
import { createTestDatabase, TestDatabase } from './support/postgres';

/**
 * Events stored by an earlier build, read by this one. ClientRegistered as the first builds stored
 * it (12dbc1e: no phone, no owner; the owner was the registering actor) is appended through the
 * real PostgreSQL store, unmarked, exactly as those builds appended it; the fold and the clients
 * projection must both see version 2: the phone and the owner said explicitly.
 */
describe('Upcasting events stored in an older version (PostgreSQL)', () => {
  let db: TestDatabase;
  let database: Database;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('event_upcasting');
    database = await openDatabase(db.url, { poolSize: 4 });
    await migrate(database);
    store = new PostgresEventStore(database.pool, { pollIntervalMs: 20 });
  });
  afterAll(async () => {
    await store?.close();
    await database?.close();
    await db?.drop();
  });

  const tenantId = 'acme';
  const stored = (type: string, data: unknown, actorId: string, extra: Record<string, unknown> = {}): NewEvent => ({
    id: randomUUID(),
    type,
    data,
    metadata: { tenantId, actorId, correlationId: randomUUID(), causationId: randomUUID(), ...extra },
  });

  /** A client registered the way the first builds stored it: five fields, no version mark. */
  const registerAsVersion1 = async (actorId: string) => {
    const clientId = randomUUID();
    const v1 = { clientId, name: 'Ada Lovelace', email: 'ada@example.com', company: null, leadId: null };
    await store.appendToStream(clientStream(clientId), [stored('ClientRegistered', v1, actorId)], { expectedRevision: 'no_stream' });
    return { clientId, v1 };
  };

  const project = async (events: RecordedEvent[]) => {
    const tx = await database.pool.connect();
    try {
      await tx.query('BEGIN');
      await clientsProjection.applyBatch(
        tx,
        events.filter((event) => clientsProjection.handles.includes(event.type)),
      );
      await tx.query('COMMIT');
    } finally {
      tx.release();
    }
  };
  const clientRow = async (clientId: string) => (await database.pool.query(`SELECT owner_id, phone, name FROM crm_clients WHERE id = $1`, [clientId])).rows[0];

  it('stores the old shape as it was, and decodes it to version 2', async () => {
    const { clientId, v1 } = await registerAsVersion1('creator');
    const [event] = await store.readStream(clientStream(clientId));
    expect(event.data).toEqual(v1); // the log keeps what was stored: nothing is rewritten
    expect(event.metadata.schemaVersion).toBeUndefined();

    const decoded = clientEvents.decode(event);
    expect(decoded.type).toBe('ClientRegistered');
    expect(decoded.data).toEqual({ ...v1, phone: null, ownerId: 'creator' });
    expect(decoded.metadata.schemaVersion).toBe(2);
    expect(decoded).toMatchObject({ id: event.id, streamName: event.streamName, position: event.position, revision: 0n });
    // The app-wide decoder (what the processor runtime calls) gives the same.
    expect(decodeEvent(event).data).toEqual(decoded.data);
  });

  it('folds the old shape with the registering actor as the owner', async () => {
    const { clientId } = await registerAsVersion1('creator');
    const history = await store.readStream(clientStream(clientId));
    const state = foldStored(clientDecider, history);
    expect(state).toMatchObject({ status: 'ACTIVE', ownerId: 'creator', details: { phone: null } });

    // The owner the old event meant is the owner the decider sees: assigning it again decides nothing.
    const assign = { type: 'AssignClientOwner' as const, clientId, ownerId: 'creator', ownerIsTenantUser: true };
    expect(clientDecider.decide(assign, state)).toEqual([]);
    // Folded as stored, without the upcaster, the old event would have said "no owner".
    const asStored = { type: 'ClientRegistered', data: history[0].data } as ClientRegistered;
    expect(fold(clientDecider, [asStored])).toMatchObject({ ownerId: null });
  });

  it('projects the old shape with the owner and phone said explicitly, next to version 2 events', async () => {
    const { clientId } = await registerAsVersion1('creator');
    const laterId = randomUUID();
    // Version 2, as this build's writers stamp it: a registration that named no owner has none.
    await store.appendToStream(
      clientStream(laterId),
      [
        stored('ClientRegistered', { clientId: laterId, name: 'Grace', email: 'grace@example.com', company: null, leadId: null, phone: '+1 555' }, 'someone', {
          schemaVersion: 2,
        }),
      ],
      { expectedRevision: 'no_stream' },
    );
    await store.appendToStream(
      clientStream(clientId),
      [stored('ClientDetailsUpdated', { clientId, name: 'Ada King', email: 'ada@example.com', company: null, phone: '+44 20' }, 'editor')],
      {
        expectedRevision: 0n,
      },
    );

    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) if (event.streamName === clientStream(clientId) || event.streamName === clientStream(laterId)) all.push(event);
    await project(all);

    expect(await clientRow(clientId)).toEqual({ owner_id: 'creator', phone: '+44 20', name: 'Ada King' });
    expect(await clientRow(laterId)).toEqual({ owner_id: null, phone: '+1 555', name: 'Grace' });
  });

  it('stops a fold on an unknown stored type with an error naming the type, the stream and the position', async () => {
    const { clientId } = await registerAsVersion1('creator');
    await store.appendToStream(clientStream(clientId), [stored('ClientTeleported', { clientId }, 'creator')], { expectedRevision: 0n });
    const history = await store.readStream(clientStream(clientId));
    const position = history[1].position;

    let thrown: unknown;
    try {
      foldStored(clientDecider, history);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnknownEventTypeError);
    expect(thrown).toMatchObject({ code: 'UNKNOWN_EVENT_TYPE', eventType: 'ClientTeleported', streamName: clientStream(clientId), position });
    expect((thrown as Error).message).toBe(
      `Unknown event type "ClientTeleported" in stream ${clientStream(clientId)} at position ${position} (not registered in crm.client)`,
    );
    expect(() => decodeEvent(history[1])).toThrow(`at position ${position} (not registered in annals)`);
  });
});
