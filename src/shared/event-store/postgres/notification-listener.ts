import type { Notification, Pool, PoolClient } from 'pg';
import { NOTIFY_CHANNEL } from './postgres-event-store.schema';

const LISTENER_RETRY_MS = 1000;

export interface Wakeable {
  /** Whether the position was news to it. */
  wake(position: bigint): boolean;
  stop(): Promise<void>;
}

/**
 * One LISTEN connection per store, shared by its subscriptions, held only while one runs. If the
 * connection fails, it is replaced after a pause; subscriptions poll in the meantime.
 */
export class NotificationListener {
  readonly subscribers = new Set<Wakeable>();
  private client: PoolClient | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly isOwn: (backendPid: number) => boolean = () => false,
  ) {}

  /** Resolves once LISTEN is in place (or has failed: polling still delivers). */
  async add(subscriber: Wakeable): Promise<void> {
    this.subscribers.add(subscriber);
    await this.connect();
  }

  async remove(subscriber: Wakeable): Promise<void> {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) await this.close();
  }

  /** Gives the connection back once no subscription needs it. */
  async close(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.connecting;
    if (this.subscribers.size > 0) return;
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.query(`UNLISTEN ${NOTIFY_CHANNEL}`);
      this.detach(client);
    } catch (error) {
      this.detach(client, error);
    }
  }

  private connect(): Promise<void> {
    if (this.client || this.subscribers.size === 0) return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<void> {
    let client: PoolClient | undefined;
    try {
      client = await this.pool.connect();
      client.on('error', this.onError);
      client.on('notification', this.onNotification);
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (this.subscribers.size === 0) {
        await client.query(`UNLISTEN ${NOTIFY_CHANNEL}`);
        this.detach(client);
        return;
      }
      this.client = client;
    } catch (error) {
      if (client) this.detach(client, error);
      this.scheduleRetry();
    }
  }

  private readonly onNotification = (message: Notification) => {
    if (message.channel !== NOTIFY_CHANNEL) return;
    // This process's own appends woke its subscriptions already.
    if (this.isOwn(message.processId)) return;
    this.wakeAll(message.payload ? BigInt(message.payload) : 0n);
  };

  /** Wake-ups so far (appends of this process, notifications of others). */
  wakeUps = 0;

  wakeAll(position: bigint) {
    let woke = false;
    for (const subscriber of this.subscribers) woke = subscriber.wake(position) || woke;
    // Counted only when it woke someone: a wake-up that nobody needed asks no poll of anyone.
    if (woke) this.wakeUps++;
  }

  private readonly onError = (error: Error) => {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.detach(client, error);
    this.scheduleRetry();
  };

  /** Back to the pool without our handlers (a broken connection is discarded). */
  private detach(client: PoolClient, error?: unknown) {
    client.off('error', this.onError);
    client.off('notification', this.onNotification);
    client.release(error === undefined ? undefined : error instanceof Error ? error : true);
  }

  private scheduleRetry() {
    if (this.subscribers.size === 0 || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, LISTENER_RETRY_MS);
    this.retryTimer.unref();
  }
}
