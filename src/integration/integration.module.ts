import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { AppConfig } from '../config';
import { Database } from '../shared/database/database';
import { EVENT_STORE, EventStore } from '../shared/event-store/event-store.port';
import { APP_CONFIG, DATABASE } from '../shared/tokens';
import { EventStoreIntegrationSource, IntegrationEventSource, KafkaIntegrationSource } from './integration-event-source';
import { KafkaRelay } from './kafka-relay';
import { AsyncApiController } from './asyncapi.controller';
import { ReactorProvider } from '../shared/processing/processors.module';
import { ProjectionsService } from '../shared/projection/projections.service';

/** Where integration consumers (webhooks, notifications) read CloudEvents from: Kafka if configured, else the event store. */
export const INTEGRATION_EVENT_SOURCE = Symbol('INTEGRATION_EVENT_SOURCE');
const KAFKA = Symbol('KAFKA');

const kafkaLogger = new Logger('Kafka');

/** The relay of integration events to Kafka, a reactor the runtime runs when KAFKA_BROKERS is set. */
@Injectable()
export class KafkaRelayReactor implements ReactorProvider, OnApplicationShutdown {
  private readonly relay?: KafkaRelay;

  constructor(@Inject(KAFKA) kafka: Kafka | null, @Inject(DATABASE) database: Database, @Inject(EVENT_STORE) store: EventStore) {
    if (kafka) this.relay = new KafkaRelay(database.pool, store, kafka, { log: (message) => kafkaLogger.warn(message) });
  }

  reactor() {
    if (this.relay) kafkaLogger.log('Relaying integration events to Kafka');
    return this.relay?.definition ?? null;
  }

  // After every module's destroy hook: the runtime has stopped the reactor by then.
  async onApplicationShutdown() {
    await this.relay?.disconnect();
  }
}

@Global()
@Module({
  controllers: [AsyncApiController],
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
      inject: [KAFKA, DATABASE, EVENT_STORE, ProjectionsService],
      useFactory: (kafka: Kafka | null, database: Database, store: EventStore, runtime: ProjectionsService): IntegrationEventSource =>
        kafka ? new KafkaIntegrationSource(kafka) : new EventStoreIntegrationSource(database.pool, store, { runtime }),
    },
    KafkaRelayReactor,
  ],
  exports: [INTEGRATION_EVENT_SOURCE, KafkaRelayReactor],
})
export class IntegrationModule {}
