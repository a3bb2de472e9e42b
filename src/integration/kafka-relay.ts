import { CompressionTypes, Kafka, Message, Partitioners, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { CRM_TOPIC } from '../crm/public/crm-integration-events';
import type { EventStore, RecordedEvent } from '../shared/event-store/event-store.port';
import { CheckpointedSubscription, IntegrationMapping, integrationMapping, RetryOptions } from './integration-event-source';

export interface KafkaRelayOptions extends RetryOptions {
  topic?: string;
  /** Checkpoint row, and the name of the advisory lock that keeps one relay active. */
  consumerName?: string;
  /** Partitions of the topic when the relay creates it. */
  partitions?: number;
  /** Events read from the store per batch; one checkpoint update per batch. */
  batchSize?: number;
  /** Largest Kafka request the relay builds, in bytes of message values (the broker refuses over ~1 MB per partition batch). */
  maxRequestBytes?: number;
  mapping?: IntegrationMapping;
  /** How often a standby relay asks for the lock. */
  standbyRetryMs?: number;
}

/** Position of the stored event a message came from: lets an operator line the topic up with the log. */
export const POSITION_HEADER = 'annals-position';

/**
 * Publishes integration events from the event store to Kafka, keyed by aggregate id, so each
 * aggregate's events keep their order within a partition.
 *
 * The checkpoint (integration_checkpoints, consumer `kafka-relay`) moves only after Kafka has
 * acknowledged a whole batch (acks=all, idempotent producer, one request in flight, so a retried
 * request neither duplicates nor reorders within the producer's session). A relay that crashes
 * between Kafka's ack and the checkpoint update sends that batch again on restart: delivery is
 * at least once and consumers dedupe on the CloudEvent id. A clean `stop()` finishes the batch in
 * progress and records it, so a stop and restart neither loses nor repeats anything.
 *
 * Only one relay per checkpoint runs (a PostgreSQL advisory lock); other instances stand by.
 */
export class KafkaRelay {
  private readonly options: Required<Omit<KafkaRelayOptions, 'log'>> & Pick<KafkaRelayOptions, 'log'>;
  private producer?: Producer;
  private subscription?: CheckpointedSubscription;
  private lockClient?: PoolClient;
  private standbyTimer?: NodeJS.Timeout;
  private running = false;
  private published = 0;

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
  }

  /** Messages Kafka has acknowledged since start. */
  get publishedCount(): number {
    return this.published;
  }

  get isActive(): boolean {
    return this.subscription !== undefined;
  }

  /**
   * Creates the topic if missing and starts relaying (or stands by, if another relay holds the
   * lock). Rejects if Kafka or PostgreSQL cannot be reached at start.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.ensureTopic();
      await this.tryToLead();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.standbyTimer);
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.producer?.disconnect();
    this.producer = undefined;
    if (this.lockClient) {
      await this.lockClient.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.lockName]).catch(() => undefined);
      this.lockClient.release();
      this.lockClient = undefined;
    }
  }

  private get lockName(): string {
    return `annals.integration:${this.options.consumerName}`;
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

  private async tryToLead(): Promise<void> {
    const client = await this.pool.connect();
    let locked = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [this.lockName]);
      locked = rows[0].locked;
    } finally {
      if (!locked) client.release();
    }
    if (!locked) {
      this.options.log?.(`${this.options.consumerName}: another relay is active; standing by`);
      this.standbyTimer = setTimeout(() => {
        if (this.running) this.tryToLead().catch((error) => this.options.log?.(`${this.options.consumerName}: ${String(error)}`));
      }, this.options.standbyRetryMs);
      return;
    }
    this.lockClient = client;
    // A dropped lock connection means another relay may take over: stop publishing.
    client.on('error', () => void this.stop());
    if (!this.running) return this.stop();

    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // murmur2 on the key, as Java clients do: any client finds an aggregate's partition.
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await this.producer.connect();
    this.subscription = new CheckpointedSubscription(this.pool, this.store, this.options.consumerName, (events) => this.publish(events), {
      filter: this.options.mapping.filter,
      batchSize: this.options.batchSize,
      retryMs: this.options.retryMs,
      maxRetryMs: this.options.maxRetryMs,
      log: this.options.log,
    });
    await this.subscription.start();
  }

  /** Sends a batch in as few requests as the size limit allows, one after another, in order. */
  private async publish(events: RecordedEvent[]): Promise<void> {
    const producer = this.producer;
    if (!producer) throw new Error('the Kafka relay is not connected');
    let messages: Message[] = [];
    let bytes = 0;
    const flush = async () => {
      if (messages.length === 0) return;
      await producer.send({ topic: this.options.topic, acks: -1, compression: CompressionTypes.None, messages });
      this.published += messages.length;
      messages = [];
      bytes = 0;
    };
    for (const recorded of events) {
      const event = this.options.mapping.map(recorded);
      if (!event) continue;
      const value = Buffer.from(JSON.stringify(event));
      if (bytes + value.length > this.options.maxRequestBytes) await flush();
      messages.push({
        key: event.subject,
        value,
        headers: { 'content-type': 'application/cloudevents+json', [POSITION_HEADER]: recorded.position.toString() },
      });
      bytes += value.length;
    }
    await flush();
  }
}
