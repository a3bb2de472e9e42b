import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DATABASE } from '../tokens';
import type { Database } from './database';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;
/** Channel names go into LISTEN as they are: the code's own constants, never input. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
/** Every instance's listener connection says so (pg_stat_activity), so a broadcast knows whom to wait for. */
const LISTENER_NAME = 'annals-listener';
/** Where listeners acknowledge a broadcast: the payload is its nonce, the sender the listener's backend. */
const HEARD_CHANNEL = 'annals_heard';

export type ChannelHandler = (payload: string) => void;

/**
 * The instance's one LISTEN connection for the app's PostgreSQL channels (checkpoints, processor
 * control, principals forgotten...): features add a channel, not a connection. When the connection
 * is lost it is opened again with backoff; every `onGap` callback runs when it is lost and again
 * once LISTEN is back, since a notification sent in between reached nobody here, so a feature that
 * trusts what it was told (a cache) drops it, and one that polls anyway (read-your-writes) re-reads.
 *
 * `broadcast` is for news that must have been heard before the sender goes on (a revoked credential):
 * it waits until the listener of every instance connected to the database has handled it and said
 * so on HEARD_CHANNEL, or until its bound has passed.
 */
@Injectable()
export class ChannelListener implements OnApplicationShutdown {
  private readonly logger = new Logger('Channels');
  private readonly handlers = new Map<string, Set<ChannelHandler>>();
  private readonly gaps = new Set<() => void>();
  private readonly acknowledged = new Set<string>();
  private readonly connected = new Set<(client: Client) => Promise<unknown>>();
  private readonly awaiting = new Map<string, (pid: number) => void>();
  private client?: Client;
  private connecting?: Promise<void>;
  private retry?: NodeJS.Timeout;
  private retryMs = RETRY_MIN_MS;
  private listening = false;
  private stopped = false;

  constructor(@Inject(DATABASE) private readonly database: Pick<Database, 'url' | 'pool'>) {}

  /** Whether LISTEN holds now: a notification committed from now on reaches this instance. */
  get live(): boolean {
    return this.listening;
  }

  /** Calls `handler` with each payload sent on `channel` by any instance; resolves once LISTEN is in place (or has failed: it is retried). */
  async listen(channel: string, handler: ChannelHandler, options: { acknowledge?: boolean } = {}): Promise<() => void> {
    if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    if (options.acknowledge) this.acknowledged.add(channel);
    let set = this.handlers.get(channel);
    const added = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    if (this.listening && added) await this.client!.query(`LISTEN ${channel}`).catch((error: Error) => this.lost(this.client!, error));
    else await this.connect();
    return () => set.delete(handler);
  }

  /**
   * `callback` runs on the listener connection now (if it is up) and each time it is opened again:
   * for what must hold for as long as this instance listens (a session advisory lock others look for).
   */
  async onConnected(callback: (client: Client) => Promise<unknown>): Promise<() => void> {
    this.connected.add(callback);
    if (this.listening) await this.connectedOn(this.client!, callback);
    return () => this.connected.delete(callback);
  }

  /** `callback` runs whenever notifications may have been missed (the connection lost, then back). */
  onGap(callback: () => void): () => void {
    this.gaps.add(callback);
    return () => this.gaps.delete(callback);
  }

  /** Sends `payload` to every instance listening on `channel`, this one too (delivered once the statement commits). */
  async notify(channel: string, payload: string): Promise<void> {
    await this.database.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /**
   * Sends `payload` on a channel listened to with `acknowledge`, and resolves once every instance's
   * listener (this one's too) has handled it, or after `withinMs`: whether all of them said so.
   */
  async broadcast(channel: string, payload: string, withinMs: number): Promise<boolean> {
    const nonce = randomUUID();
    const heard = new Set<number>();
    let listeners: number[] | undefined;
    let done!: (all: boolean) => void;
    const finished = new Promise<boolean>((resolve) => (done = resolve));
    const check = () => {
      if (listeners?.every((pid) => heard.has(pid))) done(true);
    };
    this.awaiting.set(nonce, (pid) => {
      heard.add(pid);
      check();
    });
    const timer = setTimeout(() => done(false), withinMs);
    try {
      const { rows } = await this.database.pool.query(
        `SELECT pg_notify($1, $2), array(SELECT pid FROM pg_stat_activity WHERE application_name = $3 AND datname = current_database()) AS listeners`,
        [channel, `${nonce} ${payload}`, LISTENER_NAME],
      );
      listeners = rows[0].listeners as number[];
      check();
      return await finished;
    } finally {
      clearTimeout(timer);
      this.awaiting.delete(nonce);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.stopped || this.client) return this.connecting ?? Promise.resolve();
    this.connecting = this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new Client({ connectionString: this.database.url, keepAlive: true, application_name: LISTENER_NAME });
    this.client = client;
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.payload === undefined) return;
      if (message.channel === HEARD_CHANNEL) return this.awaiting.get(message.payload)?.(message.processId);
      const acknowledge = this.acknowledged.has(message.channel);
      const at = acknowledge ? message.payload.indexOf(' ') : -1;
      const payload = acknowledge ? message.payload.slice(at + 1) : message.payload;
      for (const handler of this.handlers.get(message.channel) ?? []) {
        try {
          handler(payload);
        } catch (error) {
          this.logger.warn(`${message.channel} handler failed: ${(error as Error).message}`);
        }
      }
      // Said on this connection, so the sender knows which instance heard it.
      if (at > 0) client.query('SELECT pg_notify($1, $2)', [HEARD_CHANNEL, message.payload.slice(0, at)]).catch(() => undefined);
    });
    const listened = new Set<string>();
    const listenAll = async () => {
      for (const channel of this.handlers.keys()) if (!listened.has(channel)) await client.query(`LISTEN ${channel}`).then(() => listened.add(channel));
    };
    try {
      await client.connect();
      await client.query(`LISTEN ${HEARD_CHANNEL}`);
      await listenAll();
      for (const callback of this.connected) await this.connectedOn(client, callback);
      // Channels added while the callbacks ran; none can be added between this and `listening`.
      await listenAll();
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.listening = true;
    this.retryMs = RETRY_MIN_MS;
    this.gap();
  }

  private async connectedOn(client: Client, callback: (client: Client) => Promise<unknown>): Promise<void> {
    try {
      await callback(client);
    } catch (error) {
      this.logger.warn(`listener connection set-up failed: ${(error as Error).message}`);
    }
  }

  private lost(client: Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    const was = this.listening;
    this.listening = false;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    if (was) this.logger.warn(`listener connection lost (${error.message}); listening again`);
    this.gap();
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private gap(): void {
    for (const callback of this.gaps) {
      try {
        callback();
      } catch {
        // one feature's callback does not keep the others from hearing of the gap
      }
    }
  }
}
