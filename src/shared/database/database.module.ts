import { Global, Inject, Logger, Module, OnApplicationShutdown, DynamicModule } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { AppConfig } from '../../config';
import { APP_CONFIG, DATABASE, READERS } from '../tokens';
import { Database, DatabaseSchema, migrate, openDatabase } from './database';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres';

interface DatabaseRuntime {
  database: Database;
  embedded?: EmbeddedPostgresHandle;
}
const RUNTIME = Symbol('DATABASE_RUNTIME');

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RUNTIME) private readonly runtime: DatabaseRuntime) {}

  // Runs after every other provider's shutdown hook has released its connections.
  async onApplicationShutdown(): Promise<void> {
    await this.runtime.database.close();
    if (this.runtime.embedded) {
      await this.runtime.embedded.stop();
      new Logger('Database').log('Embedded PostgreSQL stopped');
    }
  }
}

/**
 * PostgreSQL for everything relational: the embedded server (real binaries, data kept in
 * DATA_DIR) unless DATABASE_URL names another; migrated before anything else starts.
 */
@Global()
@Module({})
export class DatabaseModule {
  /** The composition root passes the app's entities and migrations in. */
  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: RUNTIME,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig): Promise<DatabaseRuntime> => {
            const logger = new Logger('Database');
            let embedded: EmbeddedPostgresHandle | undefined;
            let url = config.databaseUrl;
            if (!url) {
              embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
              url = embedded.url;
              logger.log(`Embedded PostgreSQL ready on port ${embedded.port}, data in ${config.dataDir}`);
            }
            try {
              const database = await openDatabase(url, schema);
              await migrate(database);
              return { database, embedded };
            } catch (error) {
              await embedded?.stop();
              throw error;
            }
          },
        },
        { provide: DATABASE, inject: [RUNTIME], useFactory: (runtime: DatabaseRuntime) => runtime.database },
        { provide: MikroORM, inject: [DATABASE], useFactory: (database: Database) => database.orm },
        { provide: READERS, inject: [DATABASE], useFactory: (database: Database) => database.readers },
        DatabaseLifecycle,
      ],
      exports: [DATABASE, MikroORM, READERS],
    };
  }
}
