import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Pool } from 'pg';
import { CloudEvent, CRM_TOPIC, crmIntegrationEventFilter, toIntegrationEvent } from '../crm/public/crm-integration-events';
import type { EventFilter, EventStore, RecordedEvent, Subscription } from '../shared/event-store/event-store.port';

/**
 * Handed a batch of integration events; resolves once they are dealt with durably. Delivery is
 * at least once: after a failure or a crash a batch may come again, so dedupe on `event.id`.
 * Within a batch and across batches, the events of one aggregate (`subject`) arrive in order.
 */
export type IntegrationEventHandler = (events: CloudEvent[]) => Promise<void>;

export interface IntegrationSubscription {
  /** Lets a batch in progress finish (and its progress be recorded), then stops. */
  stop(): Promise<void>;
}

/**
 * What webhooks and notifications consume, whatever carries the events: the event store itself
 * (the embedded default) or Kafka (the full stack). `consumerName` names the consumer's progress
 * (a checkpoint row, or a Kafka consumer group): the same name resumes where it left off.
 */
export interface IntegrationEventSource {
  subscribe(consumerName: string, handler: IntegrationEventHandler): Promise<IntegrationSubscription>;
}

/** Maps stored events to the integration events they publish (null: publishes none). */
export interface IntegrationMapping {
  map(recorded: RecordedEvent): CloudEvent | null;
  /** Narrows what the store reads; every event it lets through still goes through `map`. */
  filter?: EventFilter;
}

/** Every context that publishes integration events. */
export const integrationMapping: IntegrationMapping = { map: toIntegrationEvent, filter: crmIntegrationEventFilter };

export const readCheckpoint = async (pool: Pool, consumer: string): Promise<bigint> => {
  const { rows } = await pool.query<[string]>({
    text: `INSERT INTO integration_checkpoints (consumer) VALUES ($1)
             ON CONFLICT (consumer) DO UPDATE SET consumer = excluded.consumer
             RETURNING position::text`,
    values: [consumer],
    rowMode: 'array',
  });
  return BigInt(rows[0][0]);
};

/** Moves forward only: a late or repeated write never takes a consumer back. */
export const writeCheckpoint = async (pool: Pool, consumer: string, position: bigint): Promise<void> => {
  await pool.query('UPDATE integration_checkpoints SET position = $2, updated_at = now() WHERE consumer = $1 AND position < $2', [
    consumer,
    position.toString(),
  ]);
};

export interface RetryOptions {
  /** First pause after a failure, doubled on each failure in a row, up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  log?: (message: string) => void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * What a CheckpointedSubscription does with each batch, in two steps, so that the next batch is
 * read and made ready while the previous one is still being delivered: `prepare` runs as soon as
 * a batch is read; `deliver` runs one batch at a time, in log order, each only after the previous
 * one succeeded. Once a delivery fails, no later batch of that run is delivered: the subscription
 * starts again from its checkpoint.
 */
export interface BatchHandler<Prepared> {
  prepare(events: RecordedEvent[]): Prepared;
  deliver(prepared: Prepared): Promise<void>;
}

/**
 * Runs an event-store subscription from a checkpoint row and, when it fails (the store is away,
 * a delivery throws), starts it again from the checkpoint after a growing pause. Shared by the
 * event-store source and the Kafka relay, which differ only in what they do with a batch.
 *
 * The checkpoint moves past a batch only once its delivery resolved, in log order. While a batch
 * is delivered, the next one is read and prepared (at most that one: the store is not read
 * further ahead until the delivery is done).
 */
export class CheckpointedSubscription<Prepared> {
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;
  private starting: Promise<void> = Promise.resolve();
  private recorded = 0n;
  private recording: Promise<void> = Promise.resolve();
  /** Settles (never rejects) once every batch accepted so far is delivered and recorded, or its run has failed. */
  private settled: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly consumer: string,
    private readonly handler: BatchHandler<Prepared>,
    private readonly options: { filter?: EventFilter; batchSize?: number } & RetryOptions = {},
  ) {}

  /** Resolves once the subscription runs from the stored checkpoint (rejects if it cannot be read). */
  async start(): Promise<void> {
    this.stopped = false;
    this.starting = this.open();
    await this.starting;
  }

  /** Accepts no further batch, lets the ones accepted be delivered and recorded, then resolves. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.starting.catch(() => undefined);
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    await this.settled;
    await this.recording.catch(() => undefined);
  }

  private async open(): Promise<void> {
    // A failed run's batches still in delivery finish (and are recorded) before the checkpoint is read again.
    await this.settled;
    const after = await readCheckpoint(this.pool, this.consumer);
    this.recorded = after;
    if (this.stopped) return;
    let failed = false;
    // Set once a batch was passed over (stopping): no position past it may be recorded.
    let passedOver = false;
    let delivering: Promise<void> = Promise.resolve();
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      void subscription.stop().then(() => this.retry(error));
    };
    const subscription = this.store.subscribeToAll(
      { after, filter: this.options.filter, batchSize: this.options.batchSize },
      {
        handle: async (events) => {
          if (failed || this.stopped) {
            // Not accepted, so not recorded: the next start reads it again.
            passedOver = true;
            return;
          }
          const prepared = this.handler.prepare(events);
          const last = events[events.length - 1].position;
          const delivered = delivering.then(() => this.handler.deliver(prepared));
          delivering = delivered;
          const previous = this.settled;
          this.settled = delivered
            .then(() => this.record(last))
            .then(
              () => void (this.failures = 0),
              (error) => fail(error),
            );
          // Reading on while this batch is delivered; not further, while the previous one is.
          await previous;
        },
        // Everything up to a caught-up position is delivered or filtered out once the batches
        // accepted before are: recording it spares a restart from reading again through a
        // stretch of events that publish nothing.
        onCaughtUp: (position) => {
          if (failed || passedOver) return;
          this.settled = this.settled.then(() => {
            if (!failed) return this.record(position).catch((error) => this.options.log?.(`${this.consumer}: ${message(error)}`));
          });
        },
        onError: fail,
      },
    );
    this.subscription = subscription;
  }

  /** Checkpoint writes one at a time, in the order asked for (and only ever forwards). */
  private record(position: bigint): Promise<void> {
    if (position <= this.recorded) return this.recording;
    this.recorded = position;
    const write = this.recording.catch(() => undefined).then(() => writeCheckpoint(this.pool, this.consumer, position));
    this.recording = write;
    return write;
  }

  private retry(error: unknown): void {
    if (this.stopped) return;
    this.failures++;
    const delay = Math.min((this.options.retryMs ?? 500) * 2 ** (this.failures - 1), this.options.maxRetryMs ?? 30_000);
    this.options.log?.(`${this.consumer}: ${message(error)}; resuming from its checkpoint in ${delay} ms`);
    this.timer = setTimeout(() => {
      this.starting = this.open().catch((e) => this.retry(e));
    }, delay);
  }
}

/**
 * Integration events read straight from the event store (the embedded default: no broker). The
 * log is in position order, so per-aggregate order holds; the checkpoint row moves after the
 * handler has resolved, so a crash redelivers at most the batch in progress.
 */
export class EventStoreIntegrationSource implements IntegrationEventSource {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly options: { mapping?: IntegrationMapping; batchSize?: number } & RetryOptions = {},
  ) {}

  async subscribe(consumerName: string, handler: IntegrationEventHandler): Promise<IntegrationSubscription> {
    const mapping = this.options.mapping ?? integrationMapping;
    const subscription = new CheckpointedSubscription(
      this.pool,
      this.store,
      consumerName,
      {
        prepare: (events) => events.map(mapping.map).filter((event): event is CloudEvent => event !== null),
        deliver: async (integrationEvents) => {
          if (integrationEvents.length > 0) await handler(integrationEvents);
        },
      },
      { ...this.options, filter: mapping.filter },
    );
    await subscription.start();
    return subscription;
  }
}

/**
 * Integration events from Kafka topics (the full stack). One consumer group per consumer name,
 * so instances of one consumer share the partitions. Offsets are committed only after the
 * handler has resolved for the batch: a crash redelivers, never skips.
 */
export class KafkaIntegrationSource implements IntegrationEventSource {
  constructor(
    private readonly kafka: Kafka,
    private readonly options: { topics?: string[]; log?: (message: string) => void } = {},
  ) {}

  async subscribe(consumerName: string, handler: IntegrationEventHandler): Promise<IntegrationSubscription> {
    const consumer: Consumer = this.kafka.consumer({ groupId: consumerName, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      // A new group starts at the beginning: a new consumer is owed every event still retained.
      await consumer.subscribe({ topics: this.options.topics ?? [CRM_TOPIC], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          const events = batch.messages.map((m) => this.parse(batch.topic, batch.partition, m)).filter((e): e is CloudEvent => e !== null);
          if (events.length > 0) await handler(events);
          const last = batch.messages[batch.messages.length - 1].offset;
          resolveOffset(last);
          // The committed offset is the next one to read.
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
          await heartbeat();
        },
      });
    } catch (error) {
      await consumer.disconnect();
      throw error;
    }
    return { stop: () => consumer.disconnect() };
  }

  /** A message that is not a CloudEvent can never be handled: it is logged and passed over. */
  private parse(topic: string, partition: number, m: KafkaMessage): CloudEvent | null {
    try {
      const event = JSON.parse(m.value?.toString('utf8') ?? 'null') as CloudEvent | null;
      if (event && event.specversion === '1.0' && typeof event.id === 'string' && typeof event.type === 'string') return event;
    } catch {
      // fall through
    }
    this.options.log?.(`skipping ${topic}[${partition}]@${m.offset}: not a CloudEvents 1.0 JSON message`);
    return null;
  }
}
