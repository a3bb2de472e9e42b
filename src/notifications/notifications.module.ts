import { NotificationsAuditThread } from './application/notifications-audit-thread';
import { Global, Inject, Injectable, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { INTEGRATION_EVENT_SOURCE } from '../integration/integration.module';
import type { IntegrationEventSource, IntegrationSubscription } from '../integration/integration-event-source';
import { MAILER } from '../shared/mail/mailer.port';
import { NotificationsResolver } from './api/notifications.resolver';
import { MorningRound } from './application/morning-round';
import { NotificationBus } from './application/notification-bus';
import { NotificationPreferences } from './application/notification-preferences';
import { NotificationStore } from './application/notification-store';
import { Notifier } from './application/notifier';
import { TaskSchedule } from './application/task-schedule';
import { MailOutbox } from './mail/mail-outbox';
import { MailSender } from './mail/mail-sender';

/** The consumer's name: its checkpoint (or Kafka consumer group), and its line in `projections`. */
export const NOTIFIER = 'notifications.notifier';

/** The notifier reads integration events as a consumer of the one source (a reactor on the runtime when it is the event store). */
@Injectable()
export class NotifierConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription?: IntegrationSubscription;

  constructor(
    @Inject(INTEGRATION_EVENT_SOURCE) private readonly source: IntegrationEventSource,
    private readonly notifier: Notifier,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.source.subscribe(NOTIFIER, (events) => this.notifier.handle(events));
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
  }
}

/** Staff notifications (inbox, live subscription, email) and the app's one mailer (MAILER). */
@Global()
@Module({
  providers: [
    NotificationsAuditThread,
    MailOutbox,
    { provide: MAILER, useExisting: MailOutbox },
    MailSender,
    NotificationStore,
    NotificationPreferences,
    TaskSchedule,
    Notifier,
    MorningRound,
    NotificationBus,
    NotifierConsumer,
    NotificationsResolver,
  ],
  exports: [MAILER, MailOutbox],
})
export class NotificationsModule {}
