import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { KeyedLock } from './keyed-lock';

/** The first key of these advisory locks; the second is the tenant's hash. */
const ADMIN_CHANGES = 0x1d3a7c;

/**
 * Role changes and deactivations of one tenant, one at a time across every app instance: the
 * last-admin check and the append run inside a transaction that holds the tenant's PostgreSQL
 * advisory lock (`pg_advisory_xact_lock`, released by the commit, or by the server if the
 * connection dies), so two admins demoting each other on two instances cannot both pass the check.
 * Within an instance they queue in memory first, so waiting takes no connection; the locks live on
 * a small pool of their own, so a command waiting here never holds a connection its append needs.
 */
@Injectable()
export class AdminChanges implements OnApplicationShutdown {
  private readonly local = new KeyedLock();
  private readonly pool: Pool;

  constructor(@Inject(DATABASE) database: Pick<Database, 'url'>) {
    this.pool = new Pool({ connectionString: database.url, max: 4 });
    this.pool.on('error', () => undefined);
  }

  run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(tenantId, async () => {
      const client = await this.pool.connect();
      let healthy = true;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADMIN_CHANGES, tenantId]);
        const result = await work();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => (healthy = false));
        throw error;
      } finally {
        client.release(!healthy);
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
