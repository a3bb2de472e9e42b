import { Injectable } from '@nestjs/common';
import { FilterQuery, QueryOrder } from '@mikro-orm/postgresql';
import { LeadView } from '../../../projections/crm/lead.entity';
import { ClientView } from '../../../projections/crm/client.entity';
import { ActivityView } from '../../../projections/crm/activity.entity';
import { ClientSummaryView } from '../../../projections/crm/client-summary.entity';
import { BadInputError } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import { ListArgs, SortOrder } from '../../shared/graphql/list.types';
import { TenantReader } from '../../shared/read-model/tenant-reader';
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

const LEAD_SORT = ['name', 'email', 'company', 'status', 'source', 'createdAt', 'updatedAt'] as const;
const CLIENT_SORT = ['name', 'email', 'company', 'createdAt', 'updatedAt'] as const;
const ACTIVITY_SORT = ['createdAt', 'dueOn', 'kind', 'subject'] as const;

const orderBy = (args: ListArgs, allowed: readonly string[]) => {
  const field = args.sortField ?? 'createdAt';
  if (!allowed.includes(field)) throw new BadInputError({ sortField: [`cannot sort by "${field}"; sort by one of: ${allowed.join(', ')}`] });
  const order = args.sortOrder === SortOrder.ASC ? QueryOrder.ASC : QueryOrder.DESC;
  // id breaks ties, so pages never repeat or skip a row
  return { [field]: order, id: order };
};

const search = (q: string | undefined) => {
  const term = q?.trim();
  if (!term) return {};
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return { $or: [{ name: { $ilike: like } }, { email: { $ilike: like } }, { company: { $ilike: like } }] };
};

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

/** Reads of the CRM read models, always within the caller's tenant. */
@Injectable()
export class CrmQueries {
  constructor(private readonly reader: TenantReader) {}

  lead(tenantId: string, id: string): Promise<Lead | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.reader.byId(tenantId, LeadView, id).then((row) => (row ? toLead(row) : null));
  }

  leads(tenantId: string, filter: LeadFilter = {}, args: ListArgs) {
    return this.reader.read(tenantId, async (em) => {
      const where: FilterQuery<LeadView> = {
        tenantId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
        ...search(filter.q),
      };
      const [rows, total] = await em.findAndCount(LeadView, where, {
        orderBy: orderBy(args, LEAD_SORT),
        limit: args.perPage,
        offset: (args.page - 1) * args.perPage,
      });
      return { items: rows.map(toLead), total };
    });
  }

  client(tenantId: string, id: string): Promise<Client | null> {
    if (!isUuid(id)) return Promise.resolve(null); // names no client; the uuid column would refuse it
    return this.reader.byId(tenantId, ClientView, id).then((row) => (row ? toClient(row) : null));
  }

  clients(tenantId: string, filter: ClientFilter = {}, args: ListArgs) {
    return this.reader.read(tenantId, async (em) => {
      const [rows, total] = await em.findAndCount(
        ClientView,
        {
          tenantId,
          archived: filter.archived ?? false,
          ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
          ...search(filter.q),
        },
        { orderBy: orderBy(args, CLIENT_SORT), limit: args.perPage, offset: (args.page - 1) * args.perPage },
      );
      return { items: rows.map(toClient), total };
    });
  }

  activity(tenantId: string, id: string): Promise<Activity | null> {
    return this.reader.byId(tenantId, ActivityView, id).then((row) => (row ? toActivity(row) : null));
  }

  activities(tenantId: string, filter: ActivityFilter = {}, args: ListArgs) {
    return this.reader.read(tenantId, async (em) => {
      const where: FilterQuery<ActivityView> = {
        tenantId,
        ...(filter.subjectType ? { subjectType: filter.subjectType } : {}),
        ...(filter.subjectId ? { subjectId: filter.subjectId } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
      };
      if (filter.open === true) Object.assign(where, { $and: [{ kind: 'TASK' }, { completed: false }] });
      if (filter.open === false) Object.assign(where, { $or: [{ kind: { $ne: 'TASK' } }, { completed: true }] });
      const [rows, total] = await em.findAndCount(ActivityView, where, {
        orderBy: orderBy(args, ACTIVITY_SORT),
        limit: args.perPage,
        offset: (args.page - 1) * args.perPage,
      });
      return { items: rows.map(toActivity), total };
    });
  }

  /** The timeline of one lead or client, latest first. */
  timeline(tenantId: string, subjectId: string, limit: number): Promise<Activity[]> {
    return this.reader.read(tenantId, async (em) => {
      const rows = await em.find(ActivityView, { tenantId, subjectId }, { orderBy: { createdAt: QueryOrder.DESC, id: QueryOrder.DESC }, limit });
      return rows.map(toActivity);
    });
  }

  lastActivityAt(tenantId: string, subjectId: string): Promise<Date | null> {
    return this.reader.read(tenantId, async (em) => {
      const row = await em.findOne(ActivityView, { tenantId, subjectId }, { orderBy: { createdAt: QueryOrder.DESC } });
      return row?.createdAt ?? null;
    });
  }

  counters(tenantId: string, clientId: string): Promise<ClientCounters> {
    return this.reader.read(tenantId, async (em) => {
      const row = await em.findOne(ClientSummaryView, { tenantId, clientId });
      if (!row) return { orderCount: 0, lifetimeRevenue: 0n, openReceivables: 0n };
      const [invoiced, paid, credited, voided] = [row.invoiced, row.paid, row.credited, row.voided].map((value) => BigInt(value));
      return {
        orderCount: row.orderCount,
        lifetimeRevenue: invoiced - credited - voided,
        openReceivables: invoiced - paid - credited - voided,
      };
    });
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
