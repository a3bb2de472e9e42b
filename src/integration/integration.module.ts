import { Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { AppConfig } from '../config';
import { Database } from '../shared/database/database';
import { EVENT_STORE, EventStore } from '../shared/event-store/event-store.port';
import { APP_CONFIG, DATABASE } from '../shared/tokens';
import { EventStoreIntegrationSource, IntegrationEventSource, KafkaIntegrationSource } from './integration-event-source';
import { KafkaRelay } from './kafka-relay';

/** Where integration consumers (webhooks, notifications) read CloudEvents from: Kafka if configured, else the event store. */
export const INTEGRATION_EVENT_SOURCE = Symbol('INTEGRATION_EVENT_SOURCE');
const KAFKA = Symbol('KAFKA');

const kafkaLogger = new Logger('Kafka');

/** Relays integration events to Kafka when KAFKA_BROKERS is set. */
@Injectable()
export class KafkaRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private relay?: KafkaRelay;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka | null,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap() {
    if (!this.kafka) return;
    this.relay = new KafkaRelay(this.database.pool, this.store, this.kafka, { log: (message) => kafkaLogger.warn(message) });
    await this.relay.start();
    kafkaLogger.log('Relaying integration events to Kafka');
  }

  async onModuleDestroy() {
    await this.relay?.stop();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: KAFKA,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.kafkaBrokers
          ? new Kafka({
              clientId: 'annals',
              brokers: config.kafkaBrokers,
              logLevel: logLevel.WARN,
              logCreator: () => (entry) => kafkaLogger.warn(`${entry.namespace}: ${entry.log.message}`),
            })
          : null,
    },
    {
      provide: INTEGRATION_EVENT_SOURCE,
      inject: [KAFKA, DATABASE, EVENT_STORE],
      useFactory: (kafka: Kafka | null, database: Database, store: EventStore): IntegrationEventSource =>
        kafka ? new KafkaIntegrationSource(kafka) : new EventStoreIntegrationSource(database.pool, store),
    },
    KafkaRelayService,
  ],
  exports: [INTEGRATION_EVENT_SOURCE],
})
export class IntegrationModule {}
