import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config';
import { UserDirectory } from '../../identity/public/user-directory';
import { CLOCK, Clock } from '../../shared/clock';
import { deterministicId } from '../../shared/domain/ids';
import { APP_CONFIG } from '../../shared/tokens';
import { MailOutbox } from '../mail/mail-outbox';
import { digestMail } from '../mail/notification-mail';
import { Notifier } from './notifier';
import { MORNING_HOUR, NotificationPreferences } from './notification-preferences';
import { ruleOf } from './notification-rules';
import { NotificationStore } from './notification-store';
import { localTime, previousDay } from './notification-text';
import { TaskSchedule } from './task-schedule';

const DIGEST_MAX = 200;

/**
 * The time-driven part of notifications: at 08:00 in each tenant's time zone, tasks due that day
 * (and not done) notify the owner of their lead or client, and users who chose a daily digest get
 * one email with what they have not read. It reads the time from CLOCK at every tick, so tests move
 * the clock instead of waiting for morning. Every effect is keyed (the task and its date, the user
 * and the day), so several instances ticking at once notify once.
 */
@Injectable()
export class MorningRound implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly publicUrl: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tasks: TaskSchedule,
    private readonly notifier: Notifier,
    private readonly preferences: NotificationPreferences,
    private readonly store: NotificationStore,
    private readonly directory: UserDirectory,
    private readonly outbox: MailOutbox,
  ) {
    this.publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.notificationTickMs ?? 30_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round now (a round under way is waited for instead). */
  tick(): Promise<void> {
    this.running ??= this.round()
      .catch((error: Error) => this.logger.warn(`morning round failed (tried again at the next tick): ${error.message}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    const now = this.clock.now();
    const zones = new Map<string, string>();
    const zone = async (tenantId: string) => {
      if (!zones.has(tenantId)) zones.set(tenantId, (await this.directory.tenant(tenantId))?.timeZone ?? 'UTC');
      return zones.get(tenantId)!;
    };
    // The furthest time zone is at most 14 hours ahead of UTC.
    const latest = localTime(new Date(now.getTime() + 14 * 3_600_000), 'UTC').date;
    for (const tenantId of await this.tasks.tenantsWithTasksBy(latest)) {
      const local = localTime(now, await zone(tenantId));
      const by = local.hour >= MORNING_HOUR ? local.date : previousDay(local.date);
      for (const task of await this.tasks.due(tenantId, by)) {
        await this.notifier.raise(ruleOf('task.due'), {
          id: deterministicId(tenantId, 'task-due', task.activityId, task.dueOn),
          tenantId,
          time: now,
          data: { ...task },
        });
        await this.tasks.notified(task, now);
      }
    }
    for (const { tenantId, userId, lastDigestOn } of await this.preferences.dailyDigestUsers()) {
      const local = localTime(now, await zone(tenantId));
      if (local.hour < MORNING_HOUR || (lastDigestOn !== null && lastDigestOn >= local.date)) continue;
      await this.digest(tenantId, userId, local.date, now);
    }
  }

  private async digest(tenantId: string, userId: string, day: string, now: Date): Promise<void> {
    if (!(await this.preferences.claimDigest(tenantId, userId, day))) return;
    const [user, tenant] = await Promise.all([this.directory.user(tenantId, userId), this.directory.tenant(tenantId)]);
    if (!user?.active || !tenant) return;
    const items = await this.store.forDigest(tenantId, userId, DIGEST_MAX);
    if (items.length === 0) return;
    await this.outbox.send(digestMail(tenantId, tenant.name, user.email, userId, day, items, this.publicUrl));
    await this.store.digested(
      tenantId,
      items.map((item) => item.id),
      now,
    );
  }
}
