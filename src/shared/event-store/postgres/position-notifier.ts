import type { Pool, PoolClient } from 'pg';

/**
 * A wake-up call in its own transaction, committed without waiting for its WAL flush: a
 * transaction that has queued a NOTIFY holds a database-wide lock until its commit is flushed,
 * so with synchronous commit every notification (and every projection checkpoint that notifies)
 * would queue behind one fsync at a time. It carries no data: nothing is lost if a crash drops it.
 */
export const NOTIFY_SQL = `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`;

/**
 * Announces positions on a channel (see NOTIFY_SQL), at most one NOTIFY in flight: positions
 * reached while one is under way only raise the position the next one carries (a wake-up at a
 * higher position serves every listener below it). Not awaited by the caller: what it announces
 * has committed whatever becomes of the announcement.
 */
export class PositionNotifier {
  private pending: bigint | undefined;
  private inFlight = false;
  /** Backend process ids of the connections this notifier sent from: a listener in this process can skip its own. */
  readonly senders = new Set<number>();

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly payload: (position: bigint) => string,
    /** Remember the connections it sent from (an 'end' listener on each): only a notifier whose own wake-ups a listener skips needs it. */
    private readonly trackSenders = false,
  ) {}

  notify(position: bigint): void {
    if (this.pending === undefined || position > this.pending) this.pending = position;
    if (this.inFlight) return;
    const next = this.pending;
    this.pending = undefined;
    this.inFlight = true;
    this.send(next)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.pending !== undefined) this.notify(this.pending);
      });
  }

  private async send(position: bigint): Promise<void> {
    const client = await this.pool.connect();
    const pid = (client as PoolClient & { processID?: number }).processID;
    if (this.trackSenders && pid !== undefined && !this.senders.has(pid)) {
      this.senders.add(pid);
      client.once('end', () => this.senders.delete(pid));
    }
    try {
      await client.query({ name: 'es_notify', text: NOTIFY_SQL, values: [this.channel, this.payload(position)] });
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }
}
