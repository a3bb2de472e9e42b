import { Inject, Injectable } from '@nestjs/common';
import { UserDirectory } from '../../identity/public/user-directory';
import { CLOCK, Clock } from '../../shared/clock';
import { Database } from '../../shared/database/database';
import { BadInputError, DomainError } from '../../shared/domain/domain-error';
import { DATABASE } from '../../shared/tokens';
import { EmailDigest, isNotificationType, NOTIFICATION_TYPES, NotificationChannel, NotificationType } from '../public/notification-types';
import { NOTIFICATION_RULES, ruleOf } from './notification-rules';
import { localTime, previousDay } from './notification-text';

/** The hour of the tenant's day when tasks due today are announced and digests go out. */
export const MORNING_HOUR = 8;

export class NotificationsError extends DomainError<'NOTIFICATION_PREFERENCE_LOCKED'> {}

export interface NotificationPreference {
  type: NotificationType;
  channel: NotificationChannel;
  enabled: boolean;
  /** This type × channel cannot be turned off. */
  locked: boolean;
}

/** How one recipient takes one type: the channels on, and whether email waits for the daily digest. */
export interface Delivery {
  inApp: boolean;
  email: boolean;
  digest: EmailDigest;
}

const CHANNELS: readonly NotificationChannel[] = ['IN_APP', 'EMAIL'];

const byDefault = (type: NotificationType, channel: NotificationChannel): boolean => (channel === 'IN_APP' ? true : ruleOf(type).email);
const isLocked = (type: NotificationType, channel: NotificationChannel): boolean => channel === 'IN_APP' && ruleOf(type).locked === true;

/**
 * Each user's choice per type × channel (defaults from the rules table: in-app on for every type,
 * email on where the rule says so) and their email rhythm (one email each, or a daily digest).
 */
@Injectable()
export class NotificationPreferences {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: UserDirectory,
  ) {}

  async list(tenantId: string, userId: string): Promise<NotificationPreference[]> {
    const { rows } = await this.database.pool.query<{ type: string; channel: NotificationChannel; enabled: boolean }>(
      `SELECT type, channel, enabled FROM notification_preferences WHERE tenant_id = $1 AND user_id = $2`,
      [tenantId, userId],
    );
    const chosen = new Map(rows.map((row) => [`${row.type}/${row.channel}`, row.enabled]));
    return NOTIFICATION_RULES.flatMap((rule) =>
      CHANNELS.map((channel) => {
        const locked = isLocked(rule.type, channel);
        return { type: rule.type, channel, locked, enabled: locked || (chosen.get(`${rule.type}/${channel}`) ?? byDefault(rule.type, channel)) };
      }),
    );
  }

  async set(tenantId: string, userId: string, type: string, channel: NotificationChannel, enabled: boolean): Promise<NotificationPreference[]> {
    if (!isNotificationType(type)) throw new BadInputError({ type: [`"${type}" is not a notification type; the types are: ${NOTIFICATION_TYPES.join(', ')}`] });
    if (!enabled && isLocked(type, channel))
      throw new NotificationsError(
        'NOTIFICATION_PREFERENCE_LOCKED',
        `${type} notifications cannot be turned off in the app: a disabled webhook endpoint needs an admin`,
      );
    await this.database.pool.query(
      `INSERT INTO notification_preferences (tenant_id, user_id, type, channel, enabled, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (tenant_id, user_id, type, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
      [tenantId, userId, type, channel, enabled],
    );
    return this.list(tenantId, userId);
  }

  async digest(tenantId: string, userId: string): Promise<EmailDigest> {
    const { rows } = await this.database.pool.query(`SELECT email_digest FROM notification_settings WHERE tenant_id = $1 AND user_id = $2`, [tenantId, userId]);
    return rows[0]?.email_digest ?? 'IMMEDIATE';
  }

  /** The first digest comes at the next 08:00 of the tenant's day (today's, when it is not yet 8). */
  async setDigest(tenantId: string, userId: string, digest: EmailDigest): Promise<EmailDigest> {
    const local = localTime(this.clock.now(), (await this.directory.tenant(tenantId))?.timeZone ?? 'UTC');
    const lastDigestOn = local.hour >= MORNING_HOUR ? local.date : previousDay(local.date);
    await this.database.pool.query(
      `INSERT INTO notification_settings (tenant_id, user_id, email_digest, last_digest_on, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET email_digest = EXCLUDED.email_digest, updated_at = now(),
         last_digest_on = CASE WHEN notification_settings.email_digest = 'DAILY' THEN notification_settings.last_digest_on ELSE EXCLUDED.last_digest_on END`,
      [tenantId, userId, digest, lastDigestOn],
    );
    return digest;
  }

  /** How each of `userIds` takes `type`, in two queries whatever their number. */
  async deliveries(tenantId: string, userIds: readonly string[], type: NotificationType): Promise<Map<string, Delivery>> {
    const [preferences, settings] = await Promise.all([
      this.database.pool.query<{ user_id: string; channel: NotificationChannel; enabled: boolean }>(
        `SELECT user_id, channel, enabled FROM notification_preferences WHERE tenant_id = $1 AND user_id = ANY($2::text[]) AND type = $3`,
        [tenantId, userIds, type],
      ),
      this.database.pool.query<{ user_id: string; email_digest: EmailDigest }>(
        `SELECT user_id, email_digest FROM notification_settings WHERE tenant_id = $1 AND user_id = ANY($2::text[])`,
        [tenantId, userIds],
      ),
    ]);
    const chosen = new Map(preferences.rows.map((row) => [`${row.user_id}/${row.channel}`, row.enabled]));
    const digests = new Map(settings.rows.map((row) => [row.user_id, row.email_digest]));
    const channel = (userId: string, c: NotificationChannel) => isLocked(type, c) || (chosen.get(`${userId}/${c}`) ?? byDefault(type, c));
    return new Map(userIds.map((id) => [id, { inApp: channel(id, 'IN_APP'), email: channel(id, 'EMAIL'), digest: digests.get(id) ?? 'IMMEDIATE' }]));
  }

  /** Users who take a daily digest, with when they last got one. */
  async dailyDigestUsers(): Promise<{ tenantId: string; userId: string; lastDigestOn: string | null }[]> {
    const { rows } = await this.database.pool.query(
      `SELECT tenant_id AS "tenantId", user_id AS "userId", last_digest_on AS "lastDigestOn" FROM notification_settings WHERE email_digest = 'DAILY'`,
    );
    return rows;
  }

  /** Records today's digest as sent; false when another instance already did. */
  async claimDigest(tenantId: string, userId: string, today: string): Promise<boolean> {
    const { rowCount } = await this.database.pool.query(
      `UPDATE notification_settings SET last_digest_on = $3 WHERE tenant_id = $1 AND user_id = $2 AND (last_digest_on IS NULL OR last_digest_on < $3)`,
      [tenantId, userId, today],
    );
    return rowCount === 1;
  }
}
