import '../node-compat';
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, PoolClient } from 'pg';
import type { MigrationObject, Options } from '@mikro-orm/core';

export interface Database {
  url: string;
  /** For the event store, projectors and other hand-written SQL. */
  pool: Pool;
  /** For migrations (owner role). */
  orm: MikroORM;
  /** For read-model queries, through TenantReader only: every connection is `annals_reader` with a tenant set. */
  readers: MikroORM;
  close(): Promise<void>;
}

/** What the composition root wires in: shared/ knows none of the app's entities or migrations. */
export interface DatabaseSchema {
  /** MikroORM entities of the read models. */
  entities: NonNullable<Options['entities']>;
  /** In order. */
  migrations: MigrationObject[];
}

export const openDatabase = async (url: string, options: DatabaseSchema & { poolSize?: number }): Promise<Database> => {
  const { entities, migrations } = options;
  const pool = new Pool({ connectionString: url, max: options.poolSize ?? 20 });
  pool.on('error', () => undefined); // an idle client dropped by the server; the pool replaces it
  const orm = (await MikroORM.init({
    clientUrl: url,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, silent: true, snapshot: false },
    pool: { min: 0, max: 2 },
    debug: false,
    allowGlobalContext: false,
  })) as unknown as MikroORM;
  const readers = (await MikroORM.init({
    clientUrl: url,
    entities,
    pool: { min: 0, max: 10 },
    driverOptions: { onPoolCreated: scopeConnectionsToReaderTenant },
    debug: false,
    allowGlobalContext: false,
  })) as unknown as MikroORM;
  return {
    url,
    pool,
    orm,
    readers,
    close: async () => {
      await Promise.all([orm.close(true), readers.close(true)]);
      await pool.end();
    },
  };
};

/** The tenant whose rows read-model queries in this async context may see (set by TenantReader only). */
export const readerTenant = new AsyncLocalStorage<string>();

const SET_READER_SQL = `SELECT set_config('role', 'annals_reader', false), set_config('app.tenant_id', $1, false)`;

/**
 * Every connection the readers' pool hands out runs as `annals_reader` (SELECT on read models only;
 * row-level security on tenant_id) with `app.tenant_id` set to the tenant of the read asking for it,
 * or to '' (no rows) outside one. Session-level settings are re-applied only when a connection
 * last served another tenant, so a read is one round trip instead of begin/set/select/commit.
 * A connection whose settings could not be applied is discarded, never reused.
 */
const scopeConnectionsToReaderTenant = (pool: Pool): void => {
  const tenantOf = new WeakMap<PoolClient, string>();
  const acquire = pool.connect.bind(pool) as () => Promise<PoolClient>;
  const connectScoped = async (): Promise<PoolClient> => {
    const client = await acquire();
    const tenant = readerTenant.getStore() ?? '';
    if (tenantOf.get(client) === tenant) return client;
    tenantOf.delete(client);
    try {
      await client.query(SET_READER_SQL, [tenant]);
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    tenantOf.set(client, tenant);
    return client;
  };
  pool.connect = ((callback?: (error: Error | undefined, client?: PoolClient, done?: (release?: unknown) => void) => void) => {
    const connecting = connectScoped();
    if (!callback) return connecting;
    connecting.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | boolean | undefined)),
      (error: Error) => callback(error),
    );
    return undefined;
  }) as Pool['connect'];
};

export const migrate = async (database: Database): Promise<void> => {
  await database.orm.migrator.up();
};
