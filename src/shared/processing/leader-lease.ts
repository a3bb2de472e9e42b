import { Client, Pool } from 'pg';

/** Stable advisory-lock key per processor: only the holder runs it; other instances stand by. */
const LOCK_SQL = `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`;

/**
 * The one leader lease of the runtime: a session advisory lock per processor, held on a connection
 * of its own, not one of the pool's (a leader holds it for as long as it leads, and the app's
 * processors together would otherwise keep most of the pool from the work itself). Closing the
 * connection is the one sure way to let the lock go; a dropped connection is a lost lease.
 */
export class LeaderLease {
  private client?: Client;

  constructor(
    private readonly pool: Pool,
    readonly key: string,
  ) {}

  get held(): boolean {
    return this.client !== undefined;
  }

  /** True if this instance now leads; `onLost` runs once if the lease is lost later. */
  async acquire(onLost: () => void): Promise<boolean> {
    if (this.client) return true;
    // TCP keepalive: a connection that dies silently (a half-open socket) is noticed, and the lease given up, instead of held forever.
    const client = new Client({ ...this.pool.options, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    let lost = false;
    client.on('error', () => (lost = true));
    let locked = false;
    try {
      await client.connect();
      locked = (await client.query<{ locked: boolean }>(LOCK_SQL, [this.key])).rows[0].locked;
    } finally {
      if (!locked || lost) {
        locked = false;
        void client.end().catch(() => undefined);
      }
    }
    if (!locked) return false;
    this.client = client;
    client.on('error', () => {
      if (this.client !== client) return;
      this.release();
      onLost();
    });
    return true;
  }

  release(): void {
    const client = this.client;
    this.client = undefined;
    void client?.end().catch(() => undefined);
  }
}
