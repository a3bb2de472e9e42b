import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Pool } from 'pg';
import type { EventFilter, EventStore, RecordedEvent } from '../shared/event-store/event-store.port';
import type { CloudEvent, StreamHistory } from '../shared/integration/integration-event';
import { Delivered, EventFailure, ProcessorDefinition, reactor } from '../shared/processing/processor';
import { ProcessorRunner, ProcessorRunnerOptions } from '../shared/processing/processor-runner';
import { integrationEventFilter, integrationTopics, toIntegrationEvent } from './integration-catalogue';
import { IntegrationTranslator, Translated } from './integration-translator';
import { ensureTopics } from './kafka-topics';

export type { CloudEvent };

/**
 * Handed a batch of integration events; resolves once they are dealt with durably. Delivery is
 * at least once: after a failure or a crash a batch may come again, so dedupe on `event.id`.
 * Within a batch and across batches, the events of one aggregate (`subject`) arrive in order.
 * Resolving `false` says none of them concerned it (nothing to make durable): on the event store
 * the consumer's checkpoint then moves lazily, as it does past events it is never handed.
 */
export type IntegrationEventHandler = (events: CloudEvent[]) => Promise<Delivered>;

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

/**
 * Maps stored events to the integration events they publish (null: publishes none), reading earlier
 * events from `history`. Without one, an event whose payload folds its record's history (most
 * orders and billing types) throws MissingHistory: map a stretch of the log with an
 * IntegrationTranslator (src/integration/integration-translator.ts), which reads what is missing.
 */
export interface IntegrationMapping {
  map(recorded: RecordedEvent, history?: StreamHistory): CloudEvent | null;
  /** Narrows what the store reads; every event it lets through still goes through `map`. */
  filter?: EventFilter;
}

/** Every context that publishes integration events (src/integration/integration-catalogue.ts). */
export const integrationMapping: IntegrationMapping = { map: toIntegrationEvent, filter: integrationEventFilter };

/**
 * A reactor over the log that hands integration events to `deliver`: mapped at once when the
 * history they need is held (the next batch is ready while the previous one is delivered), else
 * read first. An event whose mapping fails is named to the runtime after the events before it
 * were delivered, so only its tenant is parked.
 */
export const integrationReactor = <Prepared>(
  name: string,
  translator: IntegrationTranslator,
  filter: EventFilter,
  prepare: (translated: Translated[]) => Prepared,
  deliver: (prepared: Prepared) => Promise<Delivered>,
) =>
  reactor({
    name,
    filter,
    prepare: (events) => {
      const ready = translator.tryTranslate(events);
      return ready ? { prepared: prepare(ready) } : { events };
    },
    deliver: async (batch: { prepared: Prepared } | { events: RecordedEvent[] }) => {
      if ('prepared' in batch) return deliver(batch.prepared);
      const { translated, failure } = await translator.translate(batch.events);
      const delivered = translated.length > 0 ? await deliver(prepare(translated)) : false;
      if (failure) throw new EventFailure(failure.event, failure.error);
      return delivered;
    },
  });

export interface RetryOptions {
  /** First pause after a failure, doubled on each failure in a row, up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  log?: (message: string) => void;
}

/** The app's processor runtime, where a consumer runs beside the other processors (and shows in their status). */
export interface ProcessorHost {
  run(definition: ProcessorDefinition, options: ProcessorRunnerOptions): Promise<IntegrationSubscription>;
}

/** The runtime's options for an integration reactor: its one retry policy, its batch sizes. */
export const runnerOptions = (options: RetryOptions & { batchSize?: number }): ProcessorRunnerOptions => ({
  backoffMs: options.retryMs ?? 500,
  maxBackoffMs: options.maxRetryMs ?? 30_000,
  log: options.log,
  ...(options.batchSize ? { batchSize: options.batchSize, catchUpBatchSize: options.batchSize } : {}),
});

/**
 * Integration events read straight from the event store (the embedded default: no broker), each
 * consumer a reactor on the processor runtime: its checkpoint moves after the handler resolved
 * (a crash redelivers at most the batch in progress), one instance delivers per consumer name,
 * and a batch the handler keeps refusing parks that tenant only. The log is in position order,
 * so per-aggregate order holds.
 */
export class EventStoreIntegrationSource implements IntegrationEventSource {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly options: { mapping?: IntegrationMapping; batchSize?: number; runtime?: ProcessorHost } & RetryOptions = {},
  ) {}

  async subscribe(consumerName: string, handler: IntegrationEventHandler): Promise<IntegrationSubscription> {
    const mapping = this.options.mapping ?? integrationMapping;
    const translator = new IntegrationTranslator(this.store, (recorded, history) => mapping.map(recorded, history));
    const consumer = integrationReactor(
      consumerName,
      translator,
      mapping.filter ?? {},
      (translated) => translated.map((t) => t.event),
      (integrationEvents) => (integrationEvents.length > 0 ? handler(integrationEvents) : Promise.resolve(false)),
    );
    if (this.options.runtime) return this.options.runtime.run(consumer, runnerOptions(this.options));
    const runner = new ProcessorRunner(this.pool, this.store, consumer, runnerOptions(this.options));
    await runner.start();
    return runner;
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
    private readonly options: { topics?: readonly string[]; partitions?: number; log?: (message: string) => void } = {},
  ) {}

  async subscribe(consumerName: string, handler: IntegrationEventHandler): Promise<IntegrationSubscription> {
    const topics = [...(this.options.topics ?? integrationTopics)];
    // The relay creates its topics when it starts; a consumer may start first (another instance, a broker just set up).
    await ensureTopics(this.kafka, topics, this.options.partitions ?? 6);
    const consumer: Consumer = this.kafka.consumer({ groupId: consumerName, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      // A new group starts at the beginning: a new consumer is owed every event still retained.
      await consumer.subscribe({ topics, fromBeginning: true });
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
