import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Client } from 'pg';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { NOTIFICATION_CHANNEL, NotificationAdded } from './notification-store';

/** The subscription topic of one user's notifications: nobody else's are ever published on it. */
export const topicOf = (tenantId: string, userId: string) => `notification-added:${tenantId}:${userId}`;

interface PubSubHost {
  graphql?: { pubsub?: { publish(event: { topic: string; payload: unknown }): void } };
}

/**
 * Carries new notifications to the GraphQL subscriptions of this instance: every instance LISTENs
 * on PostgreSQL's channel (the notifier, on whichever instance it runs, NOTIFYs in the statement
 * that stores them) and publishes each on its recipient's topic. Process memory only ever holds
 * this instance's own subscribers.
 */
@Injectable()
export class NotificationBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly http: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(delayMs = 500): Promise<void> {
    const client = new Client({ connectionString: this.database.url, keepAlive: true });
    const reconnect = (error: Error) => {
      if (this.stopped || this.client !== client) return;
      this.logger.warn(`notification listener lost (${error.message}); listening again`);
      this.client = undefined;
      client.end().catch(() => undefined);
      this.retry = setTimeout(() => void this.listen(Math.min(delayMs * 2, 30_000)), delayMs);
    };
    client.on('error', reconnect);
    client.on('end', () => reconnect(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === NOTIFICATION_CHANNEL && message.payload) this.publish(message.payload);
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
    } catch (error) {
      reconnect(error as Error);
    }
  }

  private publish(payload: string): void {
    let added: NotificationAdded;
    try {
      added = JSON.parse(payload) as NotificationAdded;
    } catch {
      return;
    }
    const pubsub = (this.http.httpAdapter?.getInstance() as PubSubHost | undefined)?.graphql?.pubsub;
    pubsub?.publish({ topic: topicOf(added.tenantId, added.recipientId), payload: { notificationAdded: added } });
  }
}
