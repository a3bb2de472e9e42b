import { Injectable } from '@nestjs/common';
import { EntityManager, FilterQuery, QueryOrder } from '@mikro-orm/postgresql';
import { LeadView } from '../../../projections/crm/lead.entity';
import { ClientView } from '../../../projections/crm/client.entity';
import { ActivityView } from '../../../projections/crm/activity.entity';
import { ClientSummaryView } from '../../../projections/crm/client-summary.entity';
import { isUuid } from '../../shared/domain/ids';
import { ListArgs, Page } from '../../shared/graphql/list.types';
import { containingAny, equalTo, mapPage, ReadModelList } from '../../shared/read-model/list-query';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import { KnownAtMoment, knownAtScope, RecordLog } from '../../shared/history/known-at';
import { clientBusinessStreams } from '../../orders/public/client-business';
import { sumDeltas } from '../../../projections/crm/client-summary.projection';
import {
  Activity,
  ActivityFilter,
  ActivityKind,
  ActivitySubjectType,
  Client,
  ClientFilter,
  Lead,
  LeadFilter,
  LeadPipeline,
  LeadStatus,
} from '../api/crm.types';

const LEADS: ReadModelList<LeadView> = { entity: LeadView, sortable: ['name', 'email', 'company', 'status', 'source', 'createdAt', 'updatedAt'] };
const CLIENTS: ReadModelList<ClientView> = { entity: ClientView, sortable: ['name', 'email', 'company', 'createdAt', 'updatedAt'] };
const ACTIVITIES: ReadModelList<ActivityView> = { entity: ActivityView, sortable: ['createdAt', 'dueOn', 'kind', 'subject'] };

const search = (q: string | undefined) => containingAny(q, ['name', 'email', 'company']);

export const toLead = (row: LeadView): Lead => ({
  id: row.id,
  name: row.name,
  email: row.email,
  company: row.company,
  phone: row.phone,
  source: row.source,
  status: row.status as LeadStatus,
  clientId: row.clientId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  ownerId: row.ownerId ?? null,
});

export const toClient = (row: ClientView): Client => ({
  id: row.id,
  name: row.name,
  email: row.email,
  company: row.company,
  leadId: row.leadId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  phone: row.phone ?? null,
  ownerId: row.ownerId ?? null,
  archived: row.archived ?? false,
  archivedReason: row.archivedReason ?? null,
  contacts: (row.contacts ?? []).map(({ contactId, name, email, phone, role }) => ({ id: contactId, name, email, phone, role })),
  billingAddress: row.billingAddress ?? null,
  shippingAddress: row.shippingAddress ?? null,
});

export const toActivity = (row: ActivityView): Activity => ({
  id: row.id,
  subjectType: row.subjectType as ActivitySubjectType,
  subjectId: row.subjectId,
  kind: row.kind as ActivityKind,
  subject: row.subject,
  notes: row.notes,
  dueOn: row.dueOn,
  completed: row.completed,
  completedAt: row.completedAt,
  loggedBy: row.actorId,
  createdAt: row.createdAt,
});

/** A client's counters in minor units; zeros for a client no order or invoice has named yet. */
export interface ClientCounters {
  orderCount: number;
  lifetimeRevenue: bigint;
  openReceivables: bigint;
}

type Sums = { orderCount: number; invoiced: bigint; paid: bigint; credited: bigint; voided: bigint };

const countersFrom = ({ orderCount, invoiced, paid, credited, voided }: Sums): ClientCounters => ({
  orderCount,
  lifetimeRevenue: invoiced - credited - voided,
  openReceivables: invoiced - paid - credited - voided,
});

const latestFirst = (a: ActivityView, b: ActivityView) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Reads of the CRM read models, always within the caller's tenant. Inside knownAtScope (a knownAt
 * query), every read answers as known at the moment: records through TenantReader (folded), a
 * subject's activities folded from their streams, a client's counters summed from the events of
 * its orders and invoices known then, with the client-summary projector's own sumDeltas.
 */
@Injectable()
export class CrmQueries {
  constructor(
    private readonly reader: TenantReader,
    private readonly log: RecordLog,
  ) {}

  lead(tenantId: string, id: string): Promise<Lead | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.reader.byId(tenantId, LeadView, id).then((row) => (row ? toLead(row) : null));
  }

  async leads(tenantId: string, filter: LeadFilter = {}, args: ListArgs): Promise<Page<Lead>> {
    const where: FilterQuery<LeadView> = { tenantId, ...equalTo(filter, 'status', 'ownerId'), ...search(filter.q) };
    return mapPage(await this.reader.page(tenantId, LEADS, where, args), toLead);
  }

  client(tenantId: string, id: string): Promise<Client | null> {
    if (!isUuid(id)) return Promise.resolve(null); // names no client; the uuid column would refuse it
    return this.reader.byId(tenantId, ClientView, id).then((row) => (row ? toClient(row) : null));
  }

  async clients(tenantId: string, filter: ClientFilter = {}, args: ListArgs): Promise<Page<Client>> {
    const where: FilterQuery<ClientView> = { tenantId, archived: filter.archived ?? false, ...equalTo(filter, 'ownerId'), ...search(filter.q) };
    return mapPage(await this.reader.page(tenantId, CLIENTS, where, args), toClient);
  }

  activity(tenantId: string, id: string): Promise<Activity | null> {
    return this.reader.byId(tenantId, ActivityView, id).then((row) => (row ? toActivity(row) : null));
  }

  async activities(tenantId: string, filter: ActivityFilter = {}, args: ListArgs): Promise<Page<Activity>> {
    const where: FilterQuery<ActivityView> = { tenantId, ...equalTo(filter, 'subjectType', 'subjectId', 'kind') };
    if (filter.open === true) Object.assign(where, { $and: [{ kind: 'TASK' }, { completed: false }] });
    if (filter.open === false) Object.assign(where, { $or: [{ kind: { $ne: 'TASK' } }, { completed: true }] });
    return mapPage(await this.reader.page(tenantId, ACTIVITIES, where, args), toActivity);
  }

  /** The timeline of one lead or client, latest first. */
  timeline(tenantId: string, subjectId: string, limit: number): Promise<Activity[]> {
    const moment = knownAtScope.getStore();
    return this.reader.read(tenantId, async (em) => {
      if (moment) return (await this.timelineAsKnown(em, tenantId, subjectId, limit, moment)).map(toActivity);
      const rows = await em.find(ActivityView, { tenantId, subjectId }, { orderBy: { createdAt: QueryOrder.DESC, id: QueryOrder.DESC }, limit });
      return rows.map(toActivity);
    });
  }

  /**
   * The subject's activities as known at the moment, latest first. The table only says which
   * activities are the subject's (an activity's subject never changes) and, at a time, which were
   * logged by then (created_at is the time ActivityLogged was recorded): the `limit` latest of
   * those are folded from their streams, read at once.
   */
  private async timelineAsKnown(em: EntityManager, tenantId: string, subjectId: string, limit: number, moment: KnownAtMoment): Promise<ActivityView[]> {
    const by = moment.knownAt;
    const candidates = await em.find(
      ActivityView,
      { tenantId, subjectId, ...(by ? { createdAt: { $lte: by } } : {}) },
      { fields: ['id'], orderBy: { createdAt: QueryOrder.DESC, id: QueryOrder.DESC }, ...(by ? { limit } : {}) },
    );
    const known = await this.reader.findByIds(
      em,
      ActivityView,
      tenantId,
      candidates.map((row) => row.id),
    );
    return [...known.values()].sort(latestFirst).slice(0, limit);
  }

  lastActivityAt(tenantId: string, subjectId: string): Promise<Date | null> {
    if (knownAtScope.getStore()) return this.timeline(tenantId, subjectId, 1).then((latest) => latest[0]?.createdAt ?? null);
    return this.reader.read(tenantId, async (em) => {
      const row = await em.findOne(ActivityView, { tenantId, subjectId }, { orderBy: { createdAt: QueryOrder.DESC } });
      return row?.createdAt ?? null;
    });
  }

  counters(tenantId: string, clientId: string): Promise<ClientCounters> {
    const moment = knownAtScope.getStore();
    if (moment) return this.countersAsKnown(tenantId, clientId, moment);
    return this.reader.read(tenantId, async (em) => {
      const row = await em.findOne(ClientSummaryView, { tenantId, clientId });
      if (!row) return { orderCount: 0, lifetimeRevenue: 0n, openReceivables: 0n };
      const [invoiced, paid, credited, voided] = [row.invoiced, row.paid, row.credited, row.voided].map((value) => BigInt(value));
      return countersFrom({ orderCount: row.orderCount, invoiced, paid, credited, voided });
    });
  }

  /**
   * The counters as known at the moment: the events of the client's orders and invoices known then
   * (their streams read in one query), summed by the client-summary projector's own sumDeltas.
   */
  private async countersAsKnown(tenantId: string, clientId: string, moment: KnownAtMoment): Promise<ClientCounters> {
    const streams = await this.reader.read(tenantId, (em) => clientBusinessStreams(em, tenantId, clientId, moment.knownAt));
    const sum = sumDeltas(await this.log.eventsKnown(tenantId, streams, moment)).find((delta) => delta.tenantId === tenantId && delta.clientId === clientId);
    return countersFrom(sum ? { ...sum, orderCount: sum.orders } : { orderCount: 0, invoiced: 0n, paid: 0n, credited: 0n, voided: 0n });
  }

  leadPipeline(tenantId: string): Promise<LeadPipeline> {
    return this.reader.read(tenantId, async (em) => {
      const statuses: { status: string; count: string }[] = await em.execute(
        `SELECT status, count(*) AS count FROM crm_leads WHERE tenant_id = ? GROUP BY status`,
        [tenantId],
      );
      const sources: { source: string | null; count: string }[] = await em.execute(
        `SELECT source, count(*) AS count FROM crm_leads WHERE tenant_id = ? GROUP BY source ORDER BY count(*) DESC, source NULLS LAST`,
        [tenantId],
      );
      const byStatus = new Map(statuses.map((row) => [row.status, Number(row.count)]));
      return {
        byStatus: Object.values(LeadStatus).map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
        bySource: sources.map((row) => ({ source: row.source, count: Number(row.count) })),
      };
    });
  }
}
