import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, RecordedEvent } from '../src/shared/event-store/event-store.port';

/**
 * The event store contract, continued: reads of one tenant's events (`filter.tenantId`), which the
 * audit chain's verification, its export and "as known at" reports rely on. Run beside
 * eventStoreContract against every adapter.
 */
export const tenantFilterContract = (name: string, make: () => Promise<{ store: EventStore; teardown(): Promise<void> }>) =>
  describe(`event store contract (tenant reads): ${name}`, () => {
    let store: EventStore;
    let teardown: () => Promise<void>;
    beforeAll(async () => {
      ({ store, teardown } = await make());
    });
    afterAll(() => teardown());

    const collect = async (iterable: AsyncIterable<RecordedEvent>) => {
      const all: RecordedEvent[] = [];
      for await (const event of iterable) all.push(event);
      return all;
    };

    it("readAll filters by tenant: one tenant's events only, in position order, with the other filters", async () => {
      const u = `t${randomUUID().replace(/-/g, '')}`;
      const of = (tenantId: string, type: string): NewEvent => ({
        id: randomUUID(),
        type: `${u}.${type}`,
        data: { type },
        metadata: { tenantId: `${u}-${tenantId}`, actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID() },
      });
      const first = await store.appendToStream(`${u}-${randomUUID()}`, [of('a', 'One'), of('b', 'Two')], { expectedRevision: 'no_stream' });
      await store.appendToStream(`${u}-${randomUUID()}`, [of('a', 'Three'), of('a', 'Four'), of('b', 'Five')], { expectedRevision: 'no_stream' });
      const after = first.position - 2n;
      const tenantA = await collect(store.readAll({ after, filter: { tenantId: `${u}-a`, eventTypePrefixes: [`${u}.`] } }));
      expect(tenantA.map((e) => e.type)).toEqual([`${u}.One`, `${u}.Three`, `${u}.Four`]);
      for (let i = 1; i < tenantA.length; i++) expect(tenantA[i].position).toBeGreaterThan(tenantA[i - 1].position);
      const tenantB = await collect(store.readAll({ after, filter: { tenantId: `${u}-b`, streamPrefixes: [`${u}-`] }, uncached: true }));
      expect(tenantB.map((e) => e.type)).toEqual([`${u}.Two`, `${u}.Five`]);
      expect(await collect(store.readAll({ after, filter: { tenantId: `${u}-c` } }))).toEqual([]);
    });

    it('subscriptions filter by tenant too', async () => {
      const u = `t${randomUUID().replace(/-/g, '')}`;
      const metadata = (tenantId: string) => ({ tenantId: `${u}-${tenantId}`, actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID() });
      const head = await store.headPosition();
      const seen: string[] = [];
      const subscription = store.subscribeToAll(
        { after: head, filter: { tenantId: `${u}-a` } },
        { handle: async (events) => void seen.push(...events.map((e) => e.type)) },
      );
      try {
        await store.appendToStream(`${u}-${randomUUID()}`, [{ id: randomUUID(), type: `${u}.B`, data: {}, metadata: metadata('b') }], {
          expectedRevision: 'no_stream',
        });
        await store.appendToStream(`${u}-${randomUUID()}`, [{ id: randomUUID(), type: `${u}.A`, data: {}, metadata: metadata('a') }], {
          expectedRevision: 'no_stream',
        });
        const deadline = Date.now() + 20_000;
        while (!seen.includes(`${u}.A`) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(seen).toEqual([`${u}.A`]);
      } finally {
        await subscription.stop();
      }
    });
  });
