import { randomUUID } from 'node:crypto';
import {
  EventStore,
  IdempotencyConflictError,
  NewEvent,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  WrongExpectedRevisionError,
} from '../src/shared/event-store/event-store.port';

/**
 * The behaviour every event store adapter must show. Stream names, event types and filters are
 * unique per test, so the suite also runs against a shared EventStoreDB that holds other data.
 */
export const eventStoreContract = (name: string, make: () => Promise<{ store: EventStore; teardown(): Promise<void> }>) =>
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    let teardown: () => Promise<void>;

    beforeAll(async () => {
      ({ store, teardown } = await make());
    });
    afterAll(async () => {
      await teardown();
    });

    /** A prefix no other test (or run) uses: `t<hex>`. */
    const unique = () => `t${randomUUID().replace(/-/g, '')}`;
    const stream = (prefix = unique()) => `${prefix}-${randomUUID()}`;
    const event = (type = 'ThingHappened', data: Record<string, unknown> = {}): NewEvent => ({
      id: randomUUID(),
      type,
      data: { ...data, amount: 12550, nested: { list: [1, 'two', null] } },
      metadata: { tenantId: 'tenant-a', actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID() },
    });
    const events = (count: number, type?: string) => Array.from({ length: count }, (_, i) => event(type, { i }));

    const revisionError = async (promise: Promise<unknown>): Promise<WrongExpectedRevisionError> => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      return error as WrongExpectedRevisionError;
    };

    describe('append with an expected revision', () => {
      it('no_stream creates a stream, revisions start at 0 and positions above 0', async () => {
        const name = stream();
        const result = await store.appendToStream(name, events(2), { expectedRevision: 'no_stream' });
        expect(result.nextRevision).toBe(1n);
        expect(result.position).toBeGreaterThan(0n);
        const stored = await store.readStream(name);
        expect(stored.map((e) => e.revision)).toEqual([0n, 1n]);
        expect(stored[1].position).toBe(result.position);
      });

      it('no_stream on an existing stream is refused with the actual revision', async () => {
        const name = stream();
        await store.appendToStream(name, events(3), { expectedRevision: 'no_stream' });
        const error = await revisionError(store.appendToStream(name, events(1), { expectedRevision: 'no_stream' }));
        expect(error.streamName).toBe(name);
        expect(error.expected).toBe('no_stream');
        expect(error.actual).toBe(2n);
        expect(await store.readStream(name)).toHaveLength(3);
      });

      it('stream_exists appends to an existing stream', async () => {
        const name = stream();
        await store.appendToStream(name, events(1), { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(name, events(2), { expectedRevision: 'stream_exists' });
        expect(result.nextRevision).toBe(2n);
      });

      it('stream_exists on a missing stream is refused, reporting no_stream', async () => {
        const name = stream();
        const error = await revisionError(store.appendToStream(name, events(1), { expectedRevision: 'stream_exists' }));
        expect(error.actual).toBe('no_stream');
        expect(await store.readStream(name)).toEqual([]);
      });

      it('an exact revision appends when it matches the last revision', async () => {
        const name = stream();
        await store.appendToStream(name, events(2), { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(name, events(1), { expectedRevision: 1n });
        expect(result.nextRevision).toBe(2n);
      });

      it('an exact revision that is stale is refused with the actual revision', async () => {
        const name = stream();
        await store.appendToStream(name, events(3), { expectedRevision: 'no_stream' });
        const error = await revisionError(store.appendToStream(name, events(1), { expectedRevision: 0n }));
        expect(error.expected).toBe(0n);
        expect(error.actual).toBe(2n);
        expect(await store.readStream(name)).toHaveLength(3);
      });

      it('an exact revision on a missing stream is refused, reporting no_stream', async () => {
        const error = await revisionError(store.appendToStream(stream(), events(1), { expectedRevision: 0n }));
        expect(error.actual).toBe('no_stream');
      });

      it('any appends to a missing stream and to an existing one', async () => {
        const name = stream();
        expect((await store.appendToStream(name, events(1), { expectedRevision: 'any' })).nextRevision).toBe(0n);
        expect((await store.appendToStream(name, events(2), { expectedRevision: 'any' })).nextRevision).toBe(2n);
      });

      it('positions grow with each append', async () => {
        const first = await store.appendToStream(stream(), events(2), { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(stream(), events(1), { expectedRevision: 'no_stream' });
        expect(second.position).toBeGreaterThan(first.position);
      });

      it('refuses an append without events', async () => {
        await expect(store.appendToStream(stream(), [], { expectedRevision: 'any' })).rejects.toThrow();
      });
    });

    describe('idempotent append', () => {
      it('a full repeat returns the original result and appends nothing', async () => {
        const name = stream();
        const batch = events(2);
        const first = await store.appendToStream(name, batch, { expectedRevision: 'no_stream' });
        await store.appendToStream(name, events(1), { expectedRevision: 1n });
        const again = await store.appendToStream(name, batch, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        expect(await store.readStream(name)).toHaveLength(3);
      });

      it('a full repeat with expectedRevision any also appends nothing', async () => {
        const name = stream();
        const batch = events(3);
        const first = await store.appendToStream(name, batch, { expectedRevision: 'any' });
        expect(await store.appendToStream(name, batch, { expectedRevision: 'any' })).toEqual(first);
        expect(await store.readStream(name)).toHaveLength(3);
      });

      it('a partial overlap is refused and appends nothing', async () => {
        const name = stream();
        const [a, b, c] = events(3);
        await store.appendToStream(name, [a, b], { expectedRevision: 'no_stream' });
        await expect(store.appendToStream(name, [b, c], { expectedRevision: 'any' })).rejects.toBeInstanceOf(IdempotencyConflictError);
        expect((await store.readStream(name)).map((e) => e.id)).toEqual([a.id, b.id]);
      });
    });

    describe('readStream', () => {
      let name: string;
      let appended: NewEvent[];
      const revisions = (list: RecordedEvent[]) => list.map((e) => e.revision);

      beforeAll(async () => {
        name = stream();
        appended = events(5, 'ThingCounted');
        await store.appendToStream(name, appended, { expectedRevision: 'no_stream' });
      });

      it('returns the stored events as they were appended', async () => {
        const stored = await store.readStream(name);
        expect(stored).toHaveLength(5);
        stored.forEach((recorded, i) => {
          expect(recorded.id).toBe(appended[i].id);
          expect(recorded.streamName).toBe(name);
          expect(recorded.type).toBe('ThingCounted');
          expect(recorded.data).toEqual(appended[i].data);
          expect(recorded.metadata).toMatchObject(appended[i].metadata);
          expect(recorded.recordedAt).toBeInstanceOf(Date);
          expect(Number.isNaN(recorded.recordedAt.getTime())).toBe(false);
          expect(typeof recorded.position).toBe('bigint');
        });
      });

      it('reads forwards from and to a revision, with a maximum count', async () => {
        expect(revisions(await store.readStream(name))).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(revisions(await store.readStream(name, { fromRevision: 2n }))).toEqual([2n, 3n, 4n]);
        expect(revisions(await store.readStream(name, { toRevision: 2n }))).toEqual([0n, 1n, 2n]);
        expect(revisions(await store.readStream(name, { fromRevision: 1n, toRevision: 3n }))).toEqual([1n, 2n, 3n]);
        expect(revisions(await store.readStream(name, { fromRevision: 1n, maxCount: 2 }))).toEqual([1n, 2n]);
        expect(revisions(await store.readStream(name, { fromRevision: 5n }))).toEqual([]);
      });

      it('reads backwards from and to a revision, with a maximum count', async () => {
        expect(revisions(await store.readStream(name, { direction: 'backwards' }))).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect(revisions(await store.readStream(name, { direction: 'backwards', fromRevision: 3n }))).toEqual([3n, 2n, 1n, 0n]);
        expect(revisions(await store.readStream(name, { direction: 'backwards', toRevision: 2n }))).toEqual([4n, 3n, 2n]);
        expect(revisions(await store.readStream(name, { direction: 'backwards', fromRevision: 3n, toRevision: 1n }))).toEqual([3n, 2n, 1n]);
        expect(revisions(await store.readStream(name, { direction: 'backwards', maxCount: 2 }))).toEqual([4n, 3n]);
      });

      it('returns nothing for an unknown stream', async () => {
        expect(await store.readStream(stream())).toEqual([]);
        expect(await store.readStream(stream(), { direction: 'backwards' })).toEqual([]);
      });
    });

    describe('readAll', () => {
      const collect = async (iterable: AsyncIterable<RecordedEvent>) => {
        const list: RecordedEvent[] = [];
        for await (const recorded of iterable) list.push(recorded);
        return list;
      };

      it('reads after a position, filtered by event type prefix and by stream prefix, in position order', async () => {
        const u = unique();
        const orders = stream(`${u}order`);
        const leads = stream(`${u}lead`);
        // A real position just before ours (EventStoreDB positions are not consecutive numbers).
        const marker = await store.appendToStream(stream(`${u}marker`), [event('MarkerPlaced')], { expectedRevision: 'no_stream' });
        const start = await store.appendToStream(orders, [event(`${u}.OrderPlaced`)], { expectedRevision: 'no_stream' });
        await store.appendToStream(leads, [event(`${u}.LeadCreated`), event(`${u}.LeadQualified`)], { expectedRevision: 'no_stream' });
        await store.appendToStream(orders, [event(`${u}.OrderShipped`)], { expectedRevision: 0n });
        await store.appendToStream(leads, [event(`${u}.LeadLost`)], { expectedRevision: 1n });

        const all = await collect(store.readAll({ after: marker.position, filter: { eventTypePrefixes: [`${u}.`] } }));
        expect(all.map((e) => e.type)).toEqual([`${u}.OrderPlaced`, `${u}.LeadCreated`, `${u}.LeadQualified`, `${u}.OrderShipped`, `${u}.LeadLost`]);
        for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);

        const afterFirst = await collect(store.readAll({ after: start.position, filter: { eventTypePrefixes: [`${u}.`] } }));
        expect(afterFirst.map((e) => e.type)).toEqual(all.slice(1).map((e) => e.type));

        const byType = await collect(store.readAll({ after: marker.position, filter: { eventTypePrefixes: [`${u}.Lead`, `${u}.OrderS`] } }));
        expect(byType.map((e) => e.type)).toEqual([`${u}.LeadCreated`, `${u}.LeadQualified`, `${u}.OrderShipped`, `${u}.LeadLost`]);

        const byStream = await collect(store.readAll({ after: marker.position, filter: { streamPrefixes: [`${u}order-`] } }));
        expect(byStream.map((e) => e.type)).toEqual([`${u}.OrderPlaced`, `${u}.OrderShipped`]);
        expect(byStream.every((e) => e.streamName === orders)).toBe(true);

        const limited = await collect(store.readAll({ after: marker.position, maxCount: 2, filter: { streamPrefixes: [`${u}lead-`] } }));
        expect(limited.map((e) => e.type)).toEqual([`${u}.LeadCreated`, `${u}.LeadQualified`]);
      });

      it('treats filter prefixes literally', async () => {
        const u = unique();
        await store.appendToStream(stream(`${u}x`), [event(`${u}%Weird_Type`), event(`${u}ab`)], { expectedRevision: 'no_stream' });
        const found = await collect(store.readAll({ filter: { eventTypePrefixes: [`${u}%W`, `${u}_`] } }));
        expect(found.map((e) => e.type)).toEqual([`${u}%Weird_Type`]);
      });

      it('headPosition is the position of the last event stored', async () => {
        const result = await store.appendToStream(stream(), events(2), { expectedRevision: 'no_stream' });
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
      });
    });

    describe('subscribeToAll', () => {
      interface Probe {
        events: RecordedEvent[];
        batches: number[];
        caughtUp: bigint[];
        errors: unknown[];
        subscription: Subscription;
        /** Resolves once at least `count` events have been delivered. */
        received(count: number): Promise<void>;
        /** Resolves once onCaughtUp has reported a position at or past `position`. */
        caughtUpAt(position: bigint): Promise<void>;
        nextError(): Promise<unknown>;
      }

      const subscribe = (options: SubscribeOptions, fail?: (events: RecordedEvent[]) => boolean): Probe => {
        const waiters: Array<() => void> = [];
        const caughtUpWaiters: Array<() => void> = [];
        const errorWaiters: Array<(error: unknown) => void> = [];
        const probe: Probe = {
          events: [],
          batches: [],
          caughtUp: [],
          errors: [],
          subscription: undefined as unknown as Subscription,
          received: (count) =>
            new Promise<void>((resolve) => {
              const check = () => (probe.events.length >= count ? resolve() : waiters.push(check));
              check();
            }),
          caughtUpAt: (position) =>
            new Promise<void>((resolve) => {
              const check = () => (probe.caughtUp.some((p) => p >= position) ? resolve() : caughtUpWaiters.push(check));
              check();
            }),
          nextError: () => new Promise((resolve) => (probe.errors.length > 0 ? resolve(probe.errors[0]) : errorWaiters.push(resolve))),
        };
        probe.subscription = store.subscribeToAll(options, {
          handle: async (batch) => {
            if (fail?.(batch)) throw new Error('handler failed on purpose');
            probe.batches.push(batch.length);
            probe.events.push(...batch);
            waiters.splice(0).forEach((check) => check());
          },
          onCaughtUp: (position) => {
            probe.caughtUp.push(position);
            caughtUpWaiters.splice(0).forEach((check) => check());
          },
          onError: (error) => {
            probe.errors.push(error);
            errorWaiters.splice(0).forEach((resolve) => resolve(error));
          },
        });
        return probe;
      };

      it('catches up from the start, reports it, then delivers live events in position order', async () => {
        const u = unique();
        const name = stream(u);
        await store.appendToStream(name, events(3), { expectedRevision: 'no_stream' });
        const probe = subscribe({ after: 0n, filter: { streamPrefixes: [`${u}-`] } });
        try {
          await probe.received(3);
          const stored = await store.readStream(name);
          await probe.caughtUpAt(stored[2].position);
          expect(probe.events.map((e) => e.id)).toEqual(stored.map((e) => e.id));

          await store.appendToStream(name, events(2), { expectedRevision: 2n });
          await store.appendToStream(stream(u), events(1), { expectedRevision: 'no_stream' });
          await probe.received(6);
          expect(probe.events).toHaveLength(6);
          expect(probe.events.slice(0, 5).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
          for (let i = 1; i < probe.events.length; i++) expect(probe.events[i].position).toBeGreaterThan(probe.events[i - 1].position);
          expect(probe.errors).toEqual([]);
        } finally {
          await probe.subscription.stop();
        }
      });

      it('resumes after a checkpoint, exclusive', async () => {
        const u = unique();
        const name = stream(u);
        await store.appendToStream(name, events(4), { expectedRevision: 'no_stream' });
        const stored = await store.readStream(name);
        const probe = subscribe({ after: stored[1].position, filter: { streamPrefixes: [`${u}-`] } });
        try {
          await probe.caughtUpAt(stored[3].position);
          expect(probe.events.map((e) => e.revision)).toEqual([2n, 3n]);
        } finally {
          await probe.subscription.stop();
        }
      });

      it('filters by event type prefix and respects the batch size', async () => {
        const u = unique();
        const { position } = await store.appendToStream(stream(u), [...events(5, `${u}.Kept`), ...events(3, `${u}.Dropped`)], {
          expectedRevision: 'no_stream',
        });
        const probe = subscribe({ after: 0n, batchSize: 2, filter: { eventTypePrefixes: [`${u}.Kept`] } });
        try {
          await probe.caughtUpAt(position);
          expect(probe.events.map((e) => e.type)).toEqual(Array(5).fill(`${u}.Kept`));
          expect(Math.max(...probe.batches)).toBeLessThanOrEqual(2);
        } finally {
          await probe.subscription.stop();
        }
      });

      it('delivers nothing after stop() has resolved', async () => {
        const u = unique();
        const name = stream(u);
        await store.appendToStream(name, events(1), { expectedRevision: 'no_stream' });
        const stopped = subscribe({ after: 0n, filter: { streamPrefixes: [`${u}-`] } });
        await stopped.received(1);
        await stopped.subscription.stop();

        const { position } = await store.appendToStream(name, events(1), { expectedRevision: 0n });
        // A second subscription seeing the new event shows it was deliverable.
        const witness = subscribe({ after: 0n, filter: { streamPrefixes: [`${u}-`] } });
        try {
          await witness.caughtUpAt(position);
          expect(witness.events).toHaveLength(2);
          expect(stopped.events).toHaveLength(1);
        } finally {
          await witness.subscription.stop();
        }
      });

      it('stops and reports the error when the handler throws', async () => {
        const u = unique();
        const name = stream(u);
        await store.appendToStream(name, events(2), { expectedRevision: 'no_stream' });
        let calls = 0;
        const failing = subscribe({ after: 0n, filter: { streamPrefixes: [`${u}-`] } }, () => ++calls === 1);
        const error = await failing.nextError();
        expect((error as Error).message).toBe('handler failed on purpose');
        await failing.subscription.stop();

        const { position } = await store.appendToStream(name, events(1), { expectedRevision: 1n });
        const witness = subscribe({ after: 0n, filter: { streamPrefixes: [`${u}-`] } });
        try {
          await witness.caughtUpAt(position);
          expect(witness.events).toHaveLength(3);
          expect(calls).toBe(1);
          expect(failing.events).toEqual([]);
          expect(failing.errors).toHaveLength(1);
        } finally {
          await witness.subscription.stop();
        }
      });
    });
  });
