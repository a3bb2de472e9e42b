import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../../config';
import { Database } from '../database/database';
import { APP_CONFIG, DATABASE } from '../tokens';
import { EVENT_STORE, EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';

/** Subscribers stop in onModuleDestroy; the store closes after them and before the database. */
class EventStoreLifecycle implements BeforeApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async beforeApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** One port, two adapters: EventStoreDB when EVENTSTORE_URL is set, PostgreSQL otherwise. */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [APP_CONFIG, DATABASE],
          useFactory: (config: AppConfig, database: Database): EventStore => {
            const logger = new Logger('EventStore');
            if (config.eventStoreUrl) {
              logger.log('Using EventStoreDB');
              return new EventStoreDbEventStore(config.eventStoreUrl);
            }
            logger.log('Using the PostgreSQL event store (single node)');
            return new PostgresEventStore(database.pool);
          },
        },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE],
    };
  }
}
