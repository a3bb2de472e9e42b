import type { Client, Pool } from 'pg';

/** Held (shared) by every runtime's checkpoint listener for as long as it listens: how runtimes see one another. */
const LISTENER_LOCK = [1634627180, 1] as const;

/** How long the answer to "does another runtime listen?" is kept before it is asked again. */
export const AUDIENCE_RECHECK_MS = 1000;

/**
 * Whether any other instance's runtime listens for checkpoint NOTIFYs. This instance's own waiters
 * learn of its runners' checkpoints in-process, so with no other instance every checkpoint NOTIFY
 * (one per projector batch, one per reactor checkpoint) wakes only its own listener, to no end.
 * Each runtime's listener connection holds a shared advisory lock while it listens; the lock table
 * says whether another holds it too, asked at most every AUDIENCE_RECHECK_MS (in the background:
 * the answer given meanwhile is the last one, "yes" until first asked). An instance that starts
 * listening may so miss NOTIFYs for about a second: its waits then see checkpoints by their
 * periodic re-read (every 250 ms), as they do for a NOTIFY lost.
 */
export class CheckpointAudience {
  private others = true;
  private checkedAt = 0;
  private checking = false;
  private listenerPid: number | undefined;

  constructor(private readonly pool: Pool) {}

  /** Takes the lock on the listener's connection (it is held until that connection ends). */
  async join(listener: Client): Promise<void> {
    const { rows } = await listener.query('SELECT pg_advisory_lock_shared($1, $2), pg_backend_pid() AS pid', [...LISTENER_LOCK]);
    this.listenerPid = rows[0].pid;
  }

  /** Whether a checkpoint is worth a NOTIFY (another runtime listens, as last seen). */
  othersListening(): boolean {
    if (this.listenerPid !== undefined && !this.checking && Date.now() - this.checkedAt >= AUDIENCE_RECHECK_MS) void this.check();
    return this.others;
  }

  private async check(): Promise<void> {
    this.checking = true;
    try {
      const { rows } = await this.pool.query({
        name: 'annals_checkpoint_audience',
        text: `SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2 AND granted
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND pid <> $3) AS others`,
        values: [...LISTENER_LOCK, this.listenerPid],
      });
      this.others = rows[0].others;
    } catch {
      this.others = true;
    } finally {
      this.checkedAt = Date.now();
      this.checking = false;
    }
  }
}
