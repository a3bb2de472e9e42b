import '../node-compat';
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { Pool } from 'pg';
import { migrations } from '../../../projections/migrations';
import { readModelEntities } from '../../../projections';

export interface Database {
  url: string;
  /** For the event store, projectors and other hand-written SQL. */
  pool: Pool;
  /** For read-model queries and migrations. */
  orm: MikroORM;
  close(): Promise<void>;
}

export const openDatabase = async (url: string, options: { poolSize?: number } = {}): Promise<Database> => {
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 20 });
  pool.on('error', () => undefined); // an idle client dropped by the server; the pool replaces it
  const orm = (await MikroORM.init({
    clientUrl: url,
    entities: readModelEntities,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, silent: true, snapshot: false },
    pool: { min: 0, max: 10 },
    debug: false,
    allowGlobalContext: false,
  })) as unknown as MikroORM;
  return {
    url,
    pool,
    orm,
    close: async () => {
      await orm.close(true);
      await pool.end();
    },
  };
};

export const migrate = async (database: Database): Promise<void> => {
  await database.orm.migrator.up();
};
