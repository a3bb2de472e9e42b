import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { PubSub } from 'mercurius';
import { AuthService } from '../../shared/auth/auth.service';
import { Allow, Caller, Public } from '../../shared/auth/caller';
import { DomainError } from '../../shared/domain/domain-error';
import { CLOCK, Clock } from '../../shared/clock';
import { NotificationPreferences } from '../application/notification-preferences';
import { NotificationStore } from '../application/notification-store';
import { topicOf } from '../application/notification-bus';
import { MailOutbox } from '../mail/mail-outbox';
import {
  EmailDigest,
  Notification,
  NotificationList,
  NotificationPreference,
  NotificationsArgs,
  OutboxArgs,
  OutboxMessageList,
  SetNotificationPreferenceArgs,
  UnreadNotifications,
} from './notification.types';

/** Everyone who can be notified; auditors read but never change anything (the guard refuses their mutations). */
const STAFF = ['admin', 'sales', 'accountant', 'auditor'] as const;

/** The caller's own notifications, read state and preferences; admins also read the mail outbox. */
@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    private readonly store: NotificationStore,
    private readonly preferences: NotificationPreferences,
    private readonly outboxMessages: MailOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly auth: AuthService,
  ) {}

  @Query(() => NotificationList, { description: 'Your own notifications, newest first, with your unread count' })
  @Allow(...STAFF)
  notifications(@Args() args: NotificationsArgs, @Caller() caller: Caller) {
    return this.store.page(
      caller.tenantId,
      caller.userId,
      { unread: args.filter?.unread === true, type: args.filter?.type || undefined },
      args.page,
      args.perPage,
    );
  }

  @Mutation(() => UnreadNotifications, { description: 'Marks one of your notifications read; answers your unread count' })
  @Allow(...STAFF)
  async markNotificationRead(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return { unread: await this.store.markRead(caller.tenantId, caller.userId, id, this.clock.now()) };
  }

  @Mutation(() => UnreadNotifications, { description: 'Marks all your notifications read' })
  @Allow(...STAFF)
  async markAllNotificationsRead(@Caller() caller: Caller) {
    return { unread: await this.store.markAllRead(caller.tenantId, caller.userId, this.clock.now()) };
  }

  @Query(() => [NotificationPreference], { description: 'Your choice for every notification type × channel' })
  @Allow(...STAFF)
  notificationPreferences(@Caller() caller: Caller) {
    return this.preferences.list(caller.tenantId, caller.userId);
  }

  @Mutation(() => NotificationPreference, { description: 'Turns one notification type on or off in one channel, for you' })
  @Allow(...STAFF)
  async setNotificationPreference(@Args() args: SetNotificationPreferenceArgs, @Caller() caller: Caller) {
    const all = await this.preferences.set(caller.tenantId, caller.userId, args.type.trim(), args.channel, args.enabled);
    return all.find((p) => p.type === args.type.trim() && p.channel === args.channel);
  }

  @Query(() => EmailDigest, { description: 'IMMEDIATE: one email per notification; DAILY: one email at 08:00 with what you have not read' })
  @Allow(...STAFF)
  emailDigest(@Caller() caller: Caller) {
    return this.preferences.digest(caller.tenantId, caller.userId);
  }

  @Mutation(() => EmailDigest, { description: 'Chooses one email per notification (IMMEDIATE) or a daily digest at 08:00 (DAILY)' })
  @Allow(...STAFF)
  setEmailDigest(@Args('digest', { type: () => EmailDigest }) digest: EmailDigest, @Caller() caller: Caller) {
    return this.preferences.setDigest(caller.tenantId, caller.userId, digest);
  }

  @Query(() => OutboxMessageList, { description: "Your tenant's emails kept without SMTP, being retried, or failed; newest first (admins)" })
  @Allow('admin')
  outbox(@Args() args: OutboxArgs, @Caller() caller: Caller) {
    return this.outboxMessages.page(caller.tenantId, args.page, args.perPage);
  }

  @Subscription(() => Notification, {
    description: 'Your notifications as they arrive (WebSocket at /graphql, graphql-transport-ws; connection_init payload { authorization: "Bearer <token>" })',
  })
  @Public()
  async notificationAdded(@Context() context: { pubsub: PubSub; req?: { headers?: { authorization?: string } } }) {
    let caller: Caller;
    try {
      caller = await this.auth.authenticate(context.req?.headers?.authorization);
    } catch (error) {
      // Mercurius sends a subscription's error as it is: the code goes in the error itself.
      if (error instanceof DomainError) throw new GraphQLError(error.message, { extensions: { code: error.code } });
      throw error;
    }
    return context.pubsub.subscribe(topicOf(caller.tenantId, caller.userId));
  }
}
