import { CompressionTypes, ICustomPartitioner, Kafka, Message, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { CRM_TOPIC } from '../crm/public/crm-integration-events';
import type { EventStore, RecordedEvent } from '../shared/event-store/event-store.port';
import { reactor, ReactorDefinition } from '../shared/processing/processor';
import { ProcessorRunner } from '../shared/processing/processor-runner';
import { IntegrationMapping, integrationMapping, RetryOptions, runnerOptions } from './integration-event-source';

export interface KafkaRelayOptions extends RetryOptions {
  topic?: string;
  /** The reactor's name: its checkpoint, and the lease that keeps one relay active. */
  consumerName?: string;
  /** Partitions of the topic when the relay creates it. */
  partitions?: number;
  /** Events read from the store per batch; one checkpoint update per batch. */
  batchSize?: number;
  /**
   * Largest Kafka request the relay builds, in bytes of records (key, value, headers). A request
   * carries one record batch per partition, and the broker refuses a batch over its
   * `message.max.bytes` (1 MB by default): a request under that keeps every batch under it.
   * Larger is not cheaper: kafkajs sorts a request's messages into partitions by copying an array
   * per message and grows its buffers by doubling, so past ~0.5 MB a request costs more CPU per
   * message (same-run measurements: kafkajs alone spent ~40% more CPU on 2 MB requests than on
   * 0.5 MB ones; the relay ~6% more on 1 MB ones).
   */
  maxRequestBytes?: number;
  mapping?: IntegrationMapping;
  /** How often a standby relay asks for the lease. */
  standbyRetryMs?: number;
}

/** Position of the stored event a message came from: lets an operator line the topic up with the log. */
export const POSITION_HEADER = 'annals-position';

const CONTENT_TYPE = 'application/cloudevents+json';
/** A record's bytes besides its key, value and position: the content-type header, header names, lengths, attributes, deltas. */
const RECORD_OVERHEAD = 'content-type'.length + CONTENT_TYPE.length + POSITION_HEADER.length + 24;

/**
 * Kafka's murmur2 (the Java client's `Utils.murmur2`), in 32-bit integer arithmetic. kafkajs's
 * DefaultPartitioner computes the same hash on 64-bit `Long` objects, which took ~12% of the
 * relay's CPU (profile of 200,000 events); the spec checks both give every key the same partition.
 */
export const murmur2 = (data: Buffer): number => {
  const M = 0x5bd1e995;
  const length = data.length;
  const end = length & ~3;
  let h = 0x9747b28c ^ length;
  for (let i = 0; i < end; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    h = Math.imul(h, M) ^ Math.imul(k, M);
  }
  switch (length & 3) {
    case 3:
      h ^= data[end + 2] << 16;
    // falls through
    case 2:
      h ^= data[end + 1] << 8;
    // falls through
    case 1:
      h = Math.imul(h ^ data[end], M);
  }
  h = Math.imul(h ^ (h >>> 13), M);
  return h ^ (h >>> 15);
};

/**
 * Partitions by the key's murmur2, as Java clients and kafkajs's DefaultPartitioner do (any client
 * finds an aggregate's partition); the relay's messages always have a key.
 */
export const KeyHashPartitioner: ICustomPartitioner =
  () =>
  ({ partitionMetadata, message }) => {
    if (message.partition !== undefined && message.partition !== null) return message.partition;
    const key = message.key;
    if (key === undefined || key === null) throw new Error('the Kafka relay sends keyed messages only');
    return (murmur2(typeof key === 'string' ? Buffer.from(key) : key) & 0x7fffffff) % partitionMetadata.length;
  };

/**
 * Publishes integration events from the event store to Kafka, keyed by aggregate id, so each
 * aggregate's events keep their order within a partition: a reactor on the processor runtime
 * (its checkpoint, lease, retry policy and parks are the runtime's).
 *
 * The checkpoint (consumer `kafka-relay`) moves only after Kafka has acknowledged a whole batch
 * (acks=all, idempotent producer, one request in flight, so a retried request neither duplicates
 * nor reorders within the producer's session). While a batch is being sent, the next one is read
 * from the store and turned into messages; it is sent only once the previous one was
 * acknowledged, and not at all if that failed. A relay that crashes between Kafka's ack and the
 * checkpoint update sends that batch again on restart: delivery is at least once and consumers
 * dedupe on the CloudEvent id. A clean `stop()` finishes the batches it has taken from the store
 * and records them, so a stop and restart neither loses nor repeats anything. Kafka being away
 * pauses the relay (resumed from its checkpoint with backoff); an event it cannot map parks its
 * tenant only.
 *
 * Only one relay per checkpoint runs (the runtime's lease); other instances stand by.
 */
export class KafkaRelay {
  private readonly options: Required<Omit<KafkaRelayOptions, 'log'>> & Pick<KafkaRelayOptions, 'log'>;
  private producer?: Producer;
  private connecting?: Promise<Producer>;
  private runner?: ProcessorRunner;
  private published = 0;
  /** What the runtime runs: the relay as a reactor. */
  readonly definition: ReactorDefinition;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly kafka: Kafka,
    options: KafkaRelayOptions = {},
  ) {
    this.options = {
      topic: CRM_TOPIC,
      consumerName: 'kafka-relay',
      partitions: 6,
      batchSize: 5000,
      maxRequestBytes: 512 * 1024,
      mapping: integrationMapping,
      standbyRetryMs: 5000,
      retryMs: 500,
      maxRetryMs: 30_000,
      ...options,
    };
    this.definition = reactor({
      name: this.options.consumerName,
      filter: this.options.mapping.filter ?? {},
      prepare: (events) => this.toRequests(events),
      deliver: (requests) => this.send(requests),
    });
  }

  /** Messages Kafka has acknowledged since start. */
  get publishedCount(): number {
    return this.published;
  }

  get isActive(): boolean {
    return this.runner?.isLeader() ?? false;
  }

  /**
   * Creates the topic if missing and starts relaying (or stands by, if another relay holds the
   * lease). Rejects if Kafka or PostgreSQL cannot be reached at start.
   */
  async start(): Promise<void> {
    if (this.runner) return;
    await this.ensureTopic();
    this.runner = new ProcessorRunner(this.pool, this.store, this.definition, {
      ...runnerOptions(this.options),
      standbyRetryMs: this.options.standbyRetryMs,
    });
    try {
      await this.runner.start();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.stop();
    await this.disconnect();
  }

  /** The producer, after the relay stopped (the runtime stops the reactor first). */
  async disconnect(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = undefined;
    this.producer = undefined;
    await connecting?.then((producer) => producer.disconnect()).catch(() => undefined);
  }

  private async ensureTopic(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = await admin.listTopics();
      if (!existing.includes(this.options.topic)) {
        // Replication follows the broker's default.replication.factor (1 on a single node).
        await admin.createTopics({ topics: [{ topic: this.options.topic, numPartitions: this.options.partitions }], waitForLeaders: true });
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** Connected on the first batch, so a standby relay holds no producer (and a failed connect is retried by the runtime). */
  private connected(): Promise<Producer> {
    if (!this.connecting) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: KeyHashPartitioner,
        allowAutoTopicCreation: false,
      });
      this.connecting = (async () => {
        if (!this.runner) await this.ensureTopic();
        await producer.connect();
        this.producer = producer;
        return producer;
      })();
      this.connecting.catch(() => (this.connecting = undefined));
    }
    return this.connecting;
  }

  /** A batch's messages, in log order, cut into as few requests as the size limit allows. */
  private toRequests(events: RecordedEvent[]): Message[][] {
    const requests: Message[][] = [];
    let messages: Message[] = [];
    let bytes = 0;
    for (const recorded of events) {
      const event = this.options.mapping.map(recorded);
      if (!event) continue;
      // Strings, not Buffers: kafkajs writes them straight into the request.
      const value = JSON.stringify(event);
      const position = recorded.position.toString();
      const size = Buffer.byteLength(value) + Buffer.byteLength(event.subject) + position.length + RECORD_OVERHEAD;
      if (bytes + size > this.options.maxRequestBytes && messages.length > 0) {
        requests.push(messages);
        messages = [];
        bytes = 0;
      }
      messages.push({ key: event.subject, value, headers: { 'content-type': CONTENT_TYPE, [POSITION_HEADER]: position } });
      bytes += size;
    }
    if (messages.length > 0) requests.push(messages);
    return requests;
  }

  /** Sends a batch's requests one after another, each once the previous one was acknowledged. */
  private async send(requests: Message[][]): Promise<void> {
    if (requests.length === 0) return;
    const producer = this.producer ?? (await this.connected());
    for (const messages of requests) {
      await producer.send({ topic: this.options.topic, acks: -1, compression: CompressionTypes.None, messages });
      this.published += messages.length;
    }
  }
}
