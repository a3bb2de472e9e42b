import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ChannelListener } from '../../shared/database/channel-listener';
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
 * this instance's own subscribers. The channel rides on the instance's one listener connection.
 */
@Injectable()
export class NotificationBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private unlisten?: () => void;

  constructor(
    private readonly channels: ChannelListener,
    private readonly http: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.unlisten = await this.channels.listen(NOTIFICATION_CHANNEL, (payload) => this.publish(payload));
  }

  onApplicationShutdown(): void {
    this.unlisten?.();
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
