import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';

/** The first key of the gate's advisory locks; the second is the tenant's hash. */
const PERIOD_GATE = 0x1ed6e7;

/**
 * Postings and the period lock of one tenant, kept apart on the write side. A posting reads the
 * chart (is its date locked?) and appends to its own entry's stream; a lock appends to the chart's
 * stream: two streams, so the append's expected revision cannot order them. Without more, a posting
 * that read the chart just before a lock would append just after it, inside the locked period.
 *
 * So every posting (manual, reversal, or the billing process manager's) holds a shared PostgreSQL
 * advisory lock for its tenant from reading the chart to its append, and lockPeriod holds the
 * exclusive one around its own append: postings run side by side, a lock waits for those in flight,
 * and the postings after it read the lock and are refused (or, automatic ones, dated after it). It
 * holds across app instances, whichever event store is used: they all share the PostgreSQL database.
 *
 * The locks live on connections of a small pool of the gate's own, so a posting waiting at the gate
 * never holds a connection the posting itself needs.
 */
@Injectable()
export class PeriodGate implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@Inject(DATABASE) database: Pick<Database, 'url'>) {
    this.pool = new Pool({ connectionString: database.url, max: 10 });
    this.pool.on('error', () => undefined);
  }

  /** Runs a posting (read the chart, decide, append) while no period lock of the tenant is being appended. */
  posting<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.holding(tenantId, 'pg_advisory_lock_shared', 'pg_advisory_unlock_shared', work);
  }

  /** Runs a period lock's append once the tenant's postings in flight have appended, and before any other starts. */
  locking<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.holding(tenantId, 'pg_advisory_lock', 'pg_advisory_unlock', work);
  }

  private async holding<T>(tenantId: string, lock: string, unlock: string, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let healthy = true;
    try {
      await client.query(`SELECT ${lock}($1, hashtext($2))`, [PERIOD_GATE, tenantId]);
      return await work();
    } finally {
      try {
        await client.query(`SELECT ${unlock}($1, hashtext($2))`, [PERIOD_GATE, tenantId]);
      } catch {
        healthy = false; // the connection is gone, and its locks with it
      }
      client.release(!healthy);
    }
  }

  async onApplicationShutdown() {
    await this.pool.end();
  }
}
