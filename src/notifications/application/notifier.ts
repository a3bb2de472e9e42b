import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config';
import type { CloudEvent } from '../../crm/public/crm-integration-events';
import { clientOwners, CrmRecordOwner, leadOwners } from '../../crm/public/crm-owners';
import { DirectoryTenant, DirectoryUser, UserDirectory } from '../../identity/public/user-directory';
import { deterministicId, isUuid } from '../../shared/domain/ids';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import { APP_CONFIG } from '../../shared/tokens';
import { MailOutbox } from '../mail/mail-outbox';
import { notificationMail } from '../mail/notification-mail';
import { NotificationPreferences } from './notification-preferences';
import { NewNotification, NotificationStore } from './notification-store';
import { EventData, Facts, NotificationRule, RULES_BY_EVENT } from './notification-rules';
import { clip, localTime, text } from './notification-text';
import { TaskSchedule } from './task-schedule';

/** A fact something may be notified about: an integration event, or the clock's "this task is due". */
export interface SourceEvent {
  id: string;
  tenantId: string;
  time: Date;
  data: EventData;
}

type RecordLookup = (subjectType: string, id: string) => Promise<CrmRecordOwner | undefined>;

const TITLE_MAX = 200;
const BODY_MAX = 1000;

/**
 * Turns integration events into notifications, as the rules table says: who is told, in which
 * channel (their preferences), with which words. Each notification is keyed by its source event and
 * recipient, and each email by its notification, so an event delivered again notifies nobody twice.
 */
@Injectable()
export class Notifier {
  private readonly logger = new Logger('Notifier');
  private readonly publicUrl: string;
  private readonly tenants = new Map<string, { tenant: Promise<DirectoryTenant | null>; until: number }>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly store: NotificationStore,
    private readonly preferences: NotificationPreferences,
    private readonly directory: UserDirectory,
    private readonly reader: TenantReader,
    private readonly outbox: MailOutbox,
    private readonly tasks: TaskSchedule,
  ) {
    this.publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  }

  /**
   * The integration consumer's handler: every event of the batch, in order. False when none of them
   * raises a notification or tells of a task (most events: nothing written, no checkpoint owed).
   */
  async handle(events: readonly CloudEvent[]): Promise<boolean> {
    let concerned = false;
    for (const event of events) {
      if (typeof event.tenantid !== 'string' || !event.tenantid) continue;
      if (await this.tasks.learn(event)) concerned = true;
      const rules = RULES_BY_EVENT.get(event.type);
      if (!rules) continue;
      concerned = true;
      const data = (event.data && typeof event.data === 'object' ? event.data : {}) as EventData;
      const source: SourceEvent = { id: event.id, tenantId: event.tenantid, time: new Date(event.time), data };
      for (const rule of rules) await this.raise(rule, source);
    }
    return concerned;
  }

  /** One rule for one source event: its notifications stored (and pushed live), its emails in the outbox. */
  async raise(rule: NotificationRule, source: SourceEvent): Promise<void> {
    const { subjectType, subjectId } = rule.about(source.data);
    if (!subjectId) {
      this.logger.warn(`${rule.type}: event ${source.id} names no record; nobody notified`);
      return;
    }
    // One lookup of a record per event, whether it names the recipient or the sentence.
    const records = new Map<string, Promise<CrmRecordOwner | undefined>>();
    const record = (type: string, id: string) => {
      const key = `${type}/${id}`;
      if (!records.has(key)) records.set(key, this.owner(source.tenantId, type, id));
      return records.get(key)!;
    };
    const [tenant, recipients, names] = await Promise.all([
      this.tenant(source.tenantId),
      this.recipients(rule, source, record),
      this.names(rule, source, record),
    ]);
    if (!tenant || recipients.length === 0) return;
    const deliveries = await this.preferences.deliveries(
      source.tenantId,
      recipients.map((user) => user.id),
      rule.type,
    );
    const facts: Facts = { ...names, today: localTime(source.time, tenant.timeZone).date };
    const title = clip(rule.title(source.data, facts), TITLE_MAX);
    const body = clip(rule.body(source.data, facts), BODY_MAX);
    const link = rule.link(source.data);
    const rows: (NewNotification & { to: string; immediate: boolean })[] = [];
    for (const user of recipients) {
      const delivery = deliveries.get(user.id)!;
      if (!delivery.inApp && !delivery.email) continue;
      rows.push({
        id: deterministicId(source.tenantId, 'notification', source.id, user.id),
        tenantId: source.tenantId,
        recipientId: user.id,
        type: rule.type,
        title,
        body,
        link,
        subjectType,
        subjectId,
        sourceEventId: source.id,
        inApp: delivery.inApp,
        email: delivery.email,
        createdAt: source.time,
        to: user.email,
        immediate: delivery.email && delivery.digest === 'IMMEDIATE',
      });
    }
    if (rows.length === 0) return;
    // Emails every time, not only for new rows: a redelivery writes what a crash may have lost.
    const mails = rows.filter((row) => row.immediate).map((row) => notificationMail(source.tenantId, tenant.name, row.to, row, this.publicUrl));
    await this.store.add(rows, mails.length > 0 ? this.outbox.rowsOf(mails) : null);
    if (mails.length > 0) this.outbox.due();
  }

  /** The tenant's name and time zone, kept a minute (they rarely change, and every event asks). */
  private tenant(tenantId: string): Promise<DirectoryTenant | null> {
    const known = this.tenants.get(tenantId);
    if (known && known.until > Date.now()) return known.tenant;
    const tenant = this.directory.tenant(tenantId);
    this.tenants.set(tenantId, { tenant, until: Date.now() + 60_000 });
    tenant.catch(() => this.tenants.delete(tenantId));
    return tenant;
  }

  private async recipients(rule: NotificationRule, source: SourceEvent, record: RecordLookup): Promise<DirectoryUser[]> {
    const { tenantId, data } = source;
    const to = rule.to;
    if ('roles' in to) return this.directory.withRoles(tenantId, to.roles);
    let ownerId: string | null | undefined;
    if ('user' in to) {
      ownerId = to.user(data);
      if (to.unlessActor && to.unlessActor(data) === ownerId) return [];
    } else {
      const { subjectType, subjectId } = 'clientOwner' in to ? { subjectType: 'CLIENT', subjectId: to.clientOwner(data) } : to.subjectOwner(data);
      ownerId = (await record(subjectType, subjectId))?.ownerId;
    }
    if (!ownerId) return [];
    const user = await this.directory.user(tenantId, ownerId);
    return user && user.active ? [user] : [];
  }

  private async owner(tenantId: string, subjectType: string, id: string) {
    if (!isUuid(id)) return undefined;
    const owners = subjectType === 'LEAD' ? leadOwners : subjectType === 'CLIENT' ? clientOwners : null;
    if (!owners) return undefined;
    return (await this.reader.read(tenantId, (em) => owners(em, tenantId, [id]))).get(id);
  }

  private async names(rule: NotificationRule, source: SourceEvent, record: RecordLookup): Promise<Pick<Facts, 'client' | 'lead'>> {
    const clientId = rule.names?.client?.(source.data);
    const leadId = rule.names?.lead?.(source.data);
    const [client, lead] = await Promise.all([clientId ? record('CLIENT', clientId) : undefined, leadId ? record('LEAD', leadId) : undefined]);
    return { client: client?.name ?? (text(source.data.clientName) || undefined), lead: lead?.name };
  }
}
