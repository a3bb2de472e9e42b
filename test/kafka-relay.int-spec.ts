import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, PartitionMetadata } from 'kafkajs';
import { Pool } from 'pg';
import { CloudEvent, integrationTopics, toIntegrationEvent } from '../src/integration/integration-catalogue';
import { historyOf } from '../src/shared/integration/integration-event';
import {
  EventStoreIntegrationSource,
  IntegrationEventHandler,
  IntegrationMapping,
  integrationMapping,
  KafkaIntegrationSource,
} from '../src/integration/integration-event-source';
import { setCheckpoint } from '../src/shared/processing/checkpoint-store';
import { ensureProcessorSchema, processorSchemaSql } from '../src/shared/processing/processor-schema';
import { KafkaRelay, POSITION_HEADER } from '../src/integration/kafka-relay';
import { EventMetadata, NewEvent, RecordedEvent } from '../src/shared/event-store/event-store.port';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { ensureEventStoreSchema } from '../src/shared/event-store/postgres/postgres-event-store.schema';
import { quoteToCash } from './support/integration-log';
import { startTestKafka, TestKafka } from './support/kafka';
import { createTestDatabase, TestDatabase } from './support/postgres';

const until = async (condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const metadata = (tenantId: string): EventMetadata => ({ tenantId, actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID() });

/** The stored events of one lead's life (and its client's, when it converts), per stream. */
const leadLife = (tenantId: string, i: number): Map<string, NewEvent[]> => {
  const leadId = randomUUID();
  const m = metadata(tenantId);
  const e = (type: string, data: unknown): NewEvent => ({ id: randomUUID(), type, data, metadata: m });
  const lead = [
    e('LeadCaptured', {
      leadId,
      name: `Lead ${i}`,
      email: `lead${i}@example.com`,
      company: i % 2 ? 'Acme' : null,
      phone: '+33 1 23 45 67 89',
      source: 'website',
    }),
  ];
  const streams = new Map([[`lead-${leadId}`, lead]]);
  if (i % 3 === 0) {
    lead.push(e('LeadDisqualified', { leadId, reason: 'no budget' }));
  } else {
    lead.push(e('LeadQualified', { leadId }));
    if (i % 3 === 1) {
      const clientId = randomUUID();
      lead.push(e('LeadConverted', { leadId, clientId }));
      streams.set(`client-${clientId}`, [e('ClientRegistered', { clientId, name: `Lead ${i}`, email: `lead${i}@example.com`, company: null, leadId })]);
    }
  }
  // Events no integration event comes from: the relay must pass over them.
  streams.set(`thing-${randomUUID()}`, [e('ThingHappened', { i }), e('ThingHappened', { i })]);
  return streams;
};

interface Seeded {
  /** Subject (aggregate id) -> ids of its integration events, in order. */
  bySubject: Map<string, string[]>;
  count: number;
}

/**
 * Appends `leads` lead lives, one event per stream per round, streams appending concurrently:
 * streams' events interleave in the log, and positions commit out of order.
 */
const seed = async (store: PostgresEventStore, tenantId: string, leads: number, offset = 0): Promise<Seeded> => {
  const streams = new Map<string, NewEvent[]>();
  for (let i = 0; i < leads; i++) for (const [name, events] of leadLife(tenantId, offset + i)) streams.set(name, events);
  const bySubject = new Map<string, string[]>();
  let count = 0;
  for (const [name, events] of streams) {
    if (name.startsWith('thing-')) continue;
    bySubject.set(
      name.slice(name.indexOf('-') + 1),
      events.map((event) => event.id),
    );
    count += events.length;
  }
  const entries = [...streams];
  for (let round = 0; entries.some(([, events]) => events.length > round); round++) {
    const work = entries.filter(([, events]) => events.length > round);
    for (let i = 0; i < work.length; i += 50) {
      await Promise.all(
        work
          .slice(i, i + 50)
          .map(([name, events]) => store.appendToStream(name, [events[round]], { expectedRevision: round === 0 ? 'no_stream' : BigInt(round - 1) })),
      );
    }
  }
  return { bySubject, count };
};

const groupBySubject = (events: CloudEvent[]): Map<string, string[]> => {
  const grouped = new Map<string, string[]>();
  for (const event of events) grouped.set(event.subject, [...(grouped.get(event.subject) ?? []), event.id]);
  return grouped;
};

interface TopicMessage {
  key: string;
  partition: number;
  position: bigint;
  event: CloudEvent;
}

/** Reads the whole topic with a brand-new consumer group until `expected` messages have come. */
const readTopic = async (kafka: Kafka, topic: string, expected: number): Promise<TopicMessage[]> => {
  const messages: TopicMessage[] = [];
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages)
          messages.push({
            key: m.key!.toString(),
            partition: batch.partition,
            position: BigInt(m.headers![POSITION_HEADER]!.toString()),
            event: JSON.parse(m.value!.toString()),
          });
      },
    });
    await until(() => messages.length >= expected, `${expected} messages on ${topic} (got ${messages.length})`);
  } finally {
    await consumer.disconnect();
  }
  return messages;
};

/** Messages the topic holds, counted by Kafka itself: a duplicate would show up here. */
const topicSize = async (kafka: Kafka, topic: string): Promise<number> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
};

const checkpoint = async (pool: Pool, consumer: string): Promise<bigint> => {
  const { rows } = await pool.query('SELECT position::text AS position FROM processor_checkpoints WHERE name = $1', [consumer]);
  return rows.length ? BigInt(rows[0].position) : 0n;
};

const partitionMetadata = (count: number) =>
  Array.from({ length: count }, (_, partitionId): PartitionMetadata => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));

const expectExactlyOnceInOrder = (events: CloudEvent[], seeded: Seeded) => {
  const ids = events.map((event) => event.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(seeded.count);
  expect(groupBySubject(events)).toEqual(seeded.bySubject);
};

describe('Kafka relay and integration event sources (real broker, real PostgreSQL)', () => {
  let broker: TestKafka;
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const topics: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  /** A topic prefix of the test's own: returns its CRM topic (`test-xxxxxxxx.annals.crm`); every context's is deleted at the end. */
  const newTopic = () => {
    const prefix = `test-${randomUUID().slice(0, 8)}.`;
    topics.push(...integrationTopics.map((topic) => prefix + topic));
    return `${prefix}annals.crm`;
  };
  const prefixOf = (crmTopic: string) => crmTopic.slice(0, -'annals.crm'.length);
  /** The stored events of the whole log that publish an integration event (mapped with the log as their history). */
  const publishedLog = async (): Promise<RecordedEvent[]> => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    const history = historyOf(events);
    return events.filter((event) => toIntegrationEvent(event, history));
  };
  /** Runs at the end of the test even when it fails, so no consumer or relay outlives it. */
  const later = (cleanup: () => Promise<void>) => cleanups.push(cleanup);

  beforeAll(async () => {
    broker = await startTestKafka('annals-relay-test');
    db = await createTestDatabase('kafka_relay');
    pool = new Pool({ connectionString: db.url, max: 20 });
    await ensureEventStoreSchema(pool);
    await ensureProcessorSchema(pool);
    await pool.query(processorSchemaSql); // idempotent, as the migration needs
    store = new PostgresEventStore(pool, { pollIntervalMs: 50 });
  }, 10 * 60_000);

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await db?.drop();
    if (broker) {
      const admin = broker.kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
      await broker.release();
    }
  }, 120_000);

  /** Every relay and source in a test reads the same log: each test uses its own tenant and names. */
  const startRelay = async (topic: string, consumerName: string, options: { batchSize?: number; mapping?: IntegrationMapping } = {}) => {
    const relay = new KafkaRelay(pool, store, broker.kafka, { topicPrefix: prefixOf(topic), consumerName, partitions: 4, ...options });
    await relay.start();
    later(() => relay.stop());
    return relay;
  };
  const forTenant = (tenantId: string, events: CloudEvent[]) => events.filter((event) => event.tenantid === tenantId);

  it('publishes every CRM integration event exactly once, keyed by aggregate, in order per key', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const seeded = await seed(store, tenantId, 120);
    const topic = newTopic();
    const relayName = `kafka-relay-${randomUUID()}`;
    const relay = await startRelay(topic, relayName, { batchSize: 97 });

    // The log holds earlier tests' events too; this relay starts from 0 and publishes them all.
    const all = [];
    all.push(...(await publishedLog()));
    await until(() => relay.publishedCount >= all.length, 'the relay to publish the log');
    await relay.stop();

    const messages = await readTopic(broker.kafka, topic, all.length);
    expect(await topicSize(broker.kafka, topic)).toBe(all.length);
    expect(messages.length).toBe(all.length);
    expectExactlyOnceInOrder(
      forTenant(
        tenantId,
        messages.map((m) => m.event),
      ),
      seeded,
    );
    for (const m of messages) expect(m.key).toBe(m.event.subject);
    const javaPartition = Partitioners.DefaultPartitioner();
    for (const m of messages) expect(m.partition).toBe(javaPartition({ topic, partitionMetadata: partitionMetadata(4), message: { key: m.key, value: null } }));
    // One aggregate, one partition: that is what keeps its order for consumers.
    const partitionsOfKey = new Map<string, Set<number>>();
    for (const m of messages) partitionsOfKey.set(m.key, (partitionsOfKey.get(m.key) ?? new Set()).add(m.partition));
    expect([...partitionsOfKey.values()].every((p) => p.size === 1)).toBe(true);
    expect(new Set(messages.map((m) => m.partition)).size).toBeGreaterThan(1);
    // The non-CRM events were passed over, and the checkpoint covers everything published.
    expect(messages.every((m) => m.event.type.startsWith('crm.'))).toBe(true);
    expect(await checkpoint(pool, relayName)).toBe(all[all.length - 1].position);
  });

  it('moves its checkpoint past events that publish nothing, and publishes none of them', async () => {
    const relayName = `kafka-relay-${randomUUID()}`;
    const topic = newTopic();
    const relay = await startRelay(topic, relayName);
    const published = async () => await topicSize(broker.kafka, topic);
    await until(async () => (await checkpoint(pool, relayName)) === (await store.headPosition()), 'the relay to catch up');
    const before = relay.publishedCount;
    const m = metadata(`tenant-${randomUUID()}`);
    const { position } = await store.appendToStream(
      `thing-${randomUUID()}`,
      [1, 2, 3].map((n) => ({ id: randomUUID(), type: 'ThingHappened', data: { n }, metadata: m })),
      {
        expectedRevision: 'no_stream',
      },
    );
    await until(async () => (await checkpoint(pool, relayName)) >= position, 'the checkpoint to pass the new events');
    expect(relay.publishedCount).toBe(before);
    expect(await published()).toBe(before);
  });

  it('loses and duplicates nothing when stopped mid-way and restarted', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const first = await seed(store, tenantId, 150);
    const topic = newTopic();
    const relayName = `kafka-relay-${randomUUID()}`;
    const toRelay: RecordedEvent[] = [];
    toRelay.push(...(await publishedLog()));

    // Ask the relay to stop while it is in the middle of its third batch of 50.
    let mapped = 0;
    let stopping: Promise<void> | undefined;
    let relay!: KafkaRelay;
    const stopMidway: IntegrationMapping = {
      ...integrationMapping,
      map: (event, history) => {
        if (++mapped === 120) stopping = relay.stop();
        return integrationMapping.map(event, history);
      },
    };
    relay = await startRelay(topic, relayName, { batchSize: 50, mapping: stopMidway });
    await until(() => stopping !== undefined, 'the relay to reach its third batch');
    await stopping;
    // The batch in progress was finished and recorded; nothing after it was sent.
    expect(relay.publishedCount).toBe(150);
    expect(await checkpoint(pool, relayName)).toBe(toRelay[149].position);
    expect(await topicSize(broker.kafka, topic)).toBe(150);

    // More events arrive while it is down; a new relay process resumes from the checkpoint.
    const second = await seed(store, tenantId, 40, 150);
    const total = toRelay.length + second.count;
    const restarted = await startRelay(topic, relayName, { batchSize: 50 });
    await until(() => restarted.publishedCount >= total - 150, 'the restarted relay to catch up');
    await restarted.stop();

    expect(restarted.publishedCount).toBe(total - 150);
    expect(await topicSize(broker.kafka, topic)).toBe(total);
    const messages = await readTopic(broker.kafka, topic, total);
    const seeded: Seeded = { bySubject: new Map([...first.bySubject, ...second.bySubject]), count: first.count + second.count };
    expectExactlyOnceInOrder(
      forTenant(
        tenantId,
        messages.map((m) => m.event),
      ),
      seeded,
    );
    // Per partition, positions only grow: the restart did not go back over anything.
    for (const partition of new Set(messages.map((m) => m.partition))) {
      const positions = messages.filter((m) => m.partition === partition).map((m) => m.position);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  it('after a failed batch, resumes from its checkpoint: nothing after the failure was sent, nothing lost or repeated', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const seeded = await seed(store, tenantId, 150);
    const topic = newTopic();
    const relayName = `kafka-relay-${randomUUID()}`;
    const all: RecordedEvent[] = [];
    all.push(...(await publishedLog()));
    // The sixth batch of 50 fails once while it is prepared, when the fifth may still be in flight.
    let mapped = 0;
    const failOnce: IntegrationMapping = {
      ...integrationMapping,
      map: (event, history) => {
        if (++mapped === 260) throw new Error('mapping failed');
        return integrationMapping.map(event, history);
      },
    };
    const relay = new KafkaRelay(pool, store, broker.kafka, {
      topicPrefix: prefixOf(topic),
      consumerName: relayName,
      partitions: 4,
      batchSize: 50,
      mapping: failOnce,
      retryMs: 1,
    });
    await relay.start();
    later(() => relay.stop());
    await until(async () => (await checkpoint(pool, relayName)) === all[all.length - 1].position, 'the relay to get past the failure and catch up');
    await relay.stop();

    expect(mapped).toBeGreaterThan(all.length);
    expect(relay.publishedCount).toBe(all.length);
    expect(await topicSize(broker.kafka, topic)).toBe(all.length);
    const messages = await readTopic(broker.kafka, topic, all.length);
    expectExactlyOnceInOrder(
      forTenant(
        tenantId,
        messages.map((m) => m.event),
      ),
      seeded,
    );
    for (const partition of new Set(messages.map((m) => m.partition))) {
      const positions = messages.filter((m) => m.partition === partition).map((m) => m.position);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  it('a standby relay publishes nothing while another holds the checkpoint', async () => {
    const topic = newTopic();
    const relayName = `kafka-relay-${randomUUID()}`;
    const active = await startRelay(topic, relayName);
    const standby = await startRelay(topic, relayName);
    expect(active.isActive).toBe(true);
    expect(standby.isActive).toBe(false);
  });

  /** Collects what a source delivers, in delivery order, per the one handler shape. */
  const collector = () => {
    const received: CloudEvent[] = [];
    const handler: IntegrationEventHandler = async (events) => {
      received.push(...events);
    };
    return { received, handler };
  };

  it('the event-store source and the Kafka source deliver the same CloudEvents to the same handler', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const seeded = await seed(store, tenantId, 60);
    const topic = newTopic();
    const relayName = `kafka-relay-${randomUUID()}`;
    const all: RecordedEvent[] = [];
    all.push(...(await publishedLog()));
    const relay = await startRelay(topic, relayName);

    const viaStore = collector();
    const viaKafka = collector();
    const storeSource = new EventStoreIntegrationSource(pool, store, { batchSize: 33 });
    const kafkaSource = new KafkaIntegrationSource(broker.kafka, { topics: [topic] });
    const consumer = `webhooks-${randomUUID()}`;
    const fromStore = await storeSource.subscribe(consumer, viaStore.handler);
    later(() => fromStore.stop());
    const fromKafka = await kafkaSource.subscribe(consumer, viaKafka.handler);
    later(() => fromKafka.stop());

    await until(() => viaStore.received.length >= all.length && viaKafka.received.length >= all.length, 'both sources to deliver the log');
    const byId = (events: CloudEvent[]) => [...events].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(viaKafka.received)).toEqual(byId(viaStore.received));
    expectExactlyOnceInOrder(forTenant(tenantId, viaStore.received), seeded);
    expectExactlyOnceInOrder(forTenant(tenantId, viaKafka.received), seeded);
    expect(viaStore.received.map((e) => e.id)).toEqual(all.map((e) => e.id));

    // Both record progress only for what was handled: the same consumer name resumes after it.
    await fromStore.stop();
    await fromKafka.stop();
    const more = await seed(store, tenantId, 10, 60);
    await until(() => relay.publishedCount >= all.length + more.count, 'the relay to publish the new events');
    const storeAgain = collector();
    const kafkaAgain = collector();
    const resumedStore = await storeSource.subscribe(consumer, storeAgain.handler);
    later(() => resumedStore.stop());
    const resumedKafka = await kafkaSource.subscribe(consumer, kafkaAgain.handler);
    later(() => resumedKafka.stop());
    await until(() => storeAgain.received.length >= more.count && kafkaAgain.received.length >= more.count, 'both sources to deliver the new events');
    // An already-handled event would have come before the new ones of its partition or log.
    expectExactlyOnceInOrder(storeAgain.received, more);
    expectExactlyOnceInOrder(kafkaAgain.received, more);
  });

  it('both sources deliver a batch again when the handler fails, and move on once it succeeds', async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const topic = newTopic();
    const relay = await startRelay(topic, `kafka-relay-${randomUUID()}`);
    // Only this tenant's events reach the handlers: each source reads from its own fresh start.
    const seeded = await seed(store, tenantId, 20);
    const all: RecordedEvent[] = [];
    all.push(...(await publishedLog()));
    await until(() => relay.publishedCount >= all.length, 'the relay to publish the log');

    const flaky = () => {
      const received: CloudEvent[] = [];
      let failures = 0;
      const handler: IntegrationEventHandler = async (events) => {
        if (failures < 2 && events.some((e) => e.tenantid === tenantId)) {
          failures++;
          throw new Error('receiver unavailable');
        }
        received.push(...events);
      };
      return { received, handler, failures: () => failures };
    };
    const viaStore = flaky();
    const viaKafka = flaky();
    const consumer = `notifications-${randomUUID()}`;
    const fromStore = await new EventStoreIntegrationSource(pool, store, { retryMs: 20 }).subscribe(consumer, viaStore.handler);
    later(() => fromStore.stop());
    const kafkaSource = new KafkaIntegrationSource(
      new Kafka({ clientId: 'flaky', brokers: broker.brokers, logLevel: 0, retry: { initialRetryTime: 50, retries: 20 } }),
      {
        topics: [topic],
      },
    );
    const fromKafka = await kafkaSource.subscribe(consumer, viaKafka.handler);
    later(() => fromKafka.stop());

    const mine = (events: CloudEvent[]) => forTenant(tenantId, events);
    await until(
      () => mine(viaStore.received).length >= seeded.count && mine(viaKafka.received).length >= seeded.count,
      'both sources to get past the failures',
      60_000,
    );
    expect(viaStore.failures()).toBe(2);
    expect(viaKafka.failures()).toBe(2);
    expectExactlyOnceInOrder(mine(viaStore.received), seeded);
    expectExactlyOnceInOrder(mine(viaKafka.received), seeded);
  });

  // Last: the other tests read the CRM topic only, and expect nothing else in the log.
  it("publishes every context's events to its own topic, with payloads folded from the log even when it starts mid-way, and the Kafka source reads them all", async () => {
    const tenantId = `tenant-${randomUUID()}`;
    const { log, e } = quoteToCash(tenantId);
    const lateLead = randomUUID();
    log.append(`lead-${lateLead}`, 'LeadCaptured', { leadId: lateLead, name: 'Late', email: 'late@example.com', company: null, phone: null, source: null });
    const stored = new Map<string, RecordedEvent>();
    for (const event of log.events) {
      const { position } = await store.appendToStream(event.streamName, [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }], {
        expectedRevision: event.revision === 0n ? 'no_stream' : event.revision - 1n,
      });
      stored.set(event.id, { ...event, position });
    }
    // Start after the invoice was issued: its later events need the invoice's (and the client's) history, read from the store.
    const from = stored.get(e.issued.id)!.position;
    const expected = (await publishedLog()).filter((event) => event.metadata.tenantId === tenantId && event.position > from);
    const history = historyOf([...stored.values()]);
    const byId = new Map(expected.map((event) => [event.id, toIntegrationEvent(event, history)!]));
    const contexts = new Set([...byId.values()].map((event) => event.type.split('.')[0]));
    expect(contexts).toEqual(new Set(['crm', 'orders', 'billing', 'catalogue', 'ledger', 'webhooks']));

    const crmTopic = newTopic();
    const prefix = prefixOf(crmTopic);
    const relayName = `kafka-relay-${randomUUID()}`;
    const everything = (await publishedLog()).filter((event) => event.position > from);
    await setCheckpoint(pool, relayName, from, 'reactor');
    const relay = await startRelay(crmTopic, relayName, { batchSize: 7 });
    await until(() => relay.publishedCount >= everything.length, 'the relay to publish what follows its checkpoint');
    for (const topic of integrationTopics) {
      const context = topic.slice('annals.'.length);
      const ours = [...byId.values()].filter((event) => event.type.startsWith(`${context}.`));
      const messages = (await readTopic(broker.kafka, prefix + topic, ours.length)).filter((m) => m.event.tenantid === tenantId);
      expect(messages.map((m) => m.event)).toEqual(expect.arrayContaining(ours));
      expect(messages).toHaveLength(ours.length);
      for (const m of messages) expect(m.key).toBe(m.event.subject);
    }

    const viaKafka = collector();
    const source = new KafkaIntegrationSource(broker.kafka, { topics: integrationTopics.map((topic) => prefix + topic) });
    const subscription = await source.subscribe(`webhooks-${randomUUID()}`, viaKafka.handler);
    later(() => subscription.stop());
    await until(() => viaKafka.received.filter((event) => event.tenantid === tenantId).length >= byId.size, 'the Kafka source to deliver every topic');
    const mine = viaKafka.received.filter((event) => event.tenantid === tenantId);
    expect(new Map(mine.map((event) => [event.id, event]))).toEqual(byId);
    // In order per subject, across the topics.
    const order = expected.map((event) => event.id);
    for (const [subject, ids] of groupBySubject(mine)) expect([subject, ids]).toEqual([subject, order.filter((id) => ids.includes(id))]);
  });
});
