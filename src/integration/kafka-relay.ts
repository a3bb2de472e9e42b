import { CompressionTypes, ICustomPartitioner, Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import type { Pool } from 'pg';
import type { EventStore } from '../shared/event-store/event-store.port';
import { ReactorDefinition } from '../shared/processing/processor';
import { ProcessorRunner } from '../shared/processing/processor-runner';
import { integrationTopics, topicOf } from './integration-catalogue';
import { IntegrationMapping, integrationMapping, integrationReactor, RetryOptions, runnerOptions } from './integration-event-source';
import { IntegrationTranslator, Translated } from './integration-translator';
import { ensureTopics } from './kafka-topics';

export interface KafkaRelayOptions extends RetryOptions {
  /**
   * Put before every topic name (`annals.crm` becomes `<prefix>annals.crm`): lets tests and
   * benches publish to topics of their own. Empty by default.
   */
  topicPrefix?: string;
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

/** One Kafka request: messages for one or more topics. */
interface Request {
  topicMessages: TopicMessages[];
  count: number;
}

const toTopicMessages = (request: Map<string, Message[]>): TopicMessages[] => [...request].map(([topic, messages]) => ({ topic, messages }));

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
 * Publishes integration events from the event store to Kafka, one topic per context
 * (`annals.crm`, `annals.orders`, `annals.billing`, ...: the catalogue's topics), keyed by
 * aggregate id, so each aggregate's events keep their order within a partition: a reactor on the processor runtime
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
      topicPrefix: '',
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
    const mapping = this.options.mapping;
    const translator = new IntegrationTranslator(store, (recorded, history) => mapping.map(recorded, history));
    this.definition = integrationReactor(
      this.options.consumerName,
      translator,
      mapping.filter ?? {},
      (translated) => this.toRequests(translated),
      (requests) => this.send(requests),
    );
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

  /** Every topic the relay publishes to. */
  get topics(): string[] {
    return integrationTopics.map((topic) => this.options.topicPrefix + topic);
  }

  private ensureTopic(): Promise<void> {
    return ensureTopics(this.kafka, this.topics, this.options.partitions);
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

  /** A batch's messages, in log order, each to its context's topic, cut into as few requests as the size limit allows. */
  private toRequests(translated: Translated[]): Request[] {
    const requests: Request[] = [];
    let request = new Map<string, Message[]>();
    let count = 0;
    let bytes = 0;
    for (const { recorded, event } of translated) {
      // Strings, not Buffers: kafkajs writes them straight into the request.
      const value = JSON.stringify(event);
      const position = recorded.position.toString();
      const size = Buffer.byteLength(value) + Buffer.byteLength(event.subject) + position.length + RECORD_OVERHEAD;
      if (bytes + size > this.options.maxRequestBytes && count > 0) {
        requests.push({ topicMessages: toTopicMessages(request), count });
        request = new Map();
        count = 0;
        bytes = 0;
      }
      const topic = this.options.topicPrefix + topicOf(event.type);
      let messages = request.get(topic);
      if (!messages) request.set(topic, (messages = []));
      messages.push({ key: event.subject, value, headers: { 'content-type': CONTENT_TYPE, [POSITION_HEADER]: position } });
      count++;
      bytes += size;
    }
    if (count > 0) requests.push({ topicMessages: toTopicMessages(request), count });
    return requests;
  }

  /** Sends a batch's requests one after another, each once the previous one was acknowledged. */
  private async send(requests: Request[]): Promise<void> {
    if (requests.length === 0) return;
    const producer = this.producer ?? (await this.connected());
    for (const { topicMessages, count } of requests) {
      await producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
      this.published += count;
    }
  }
}
