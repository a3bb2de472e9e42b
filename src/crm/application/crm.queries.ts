import { Injectable } from '@nestjs/common';
import { FilterQuery, QueryOrder } from '@mikro-orm/postgresql';
import { LeadView } from '../../../projections/crm/lead.entity';
import { ClientView } from '../../../projections/crm/client.entity';
import { BadInputError } from '../../shared/domain/domain-error';
import { ListArgs, SortOrder } from '../../shared/graphql/list.types';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import { Client, ClientFilter, Lead, LeadFilter, LeadStatus } from '../api/crm.types';

const LEAD_SORT = ['name', 'email', 'company', 'status', 'source', 'createdAt', 'updatedAt'] as const;
const CLIENT_SORT = ['name', 'email', 'company', 'createdAt'] as const;

const orderBy = (args: ListArgs, allowed: readonly string[]) => {
  const field = args.sortField ?? 'createdAt';
  if (!allowed.includes(field))
    throw new BadInputError({ sortField: [`cannot sort by "${field}"; sort by one of: ${allowed.join(', ')}`] });
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
});

export const toClient = (row: ClientView): Client => ({
  id: row.id,
  name: row.name,
  email: row.email,
  company: row.company,
  leadId: row.leadId,
  createdAt: row.createdAt,
});

/** Reads of the CRM read models, always within the caller's tenant. */
@Injectable()
export class CrmQueries {
  constructor(private readonly reader: TenantReader) {}

  lead(tenantId: string, id: string): Promise<Lead | null> {
    return this.reader.read(tenantId, async (em) => {
      const row = await em.findOne(LeadView, { id, tenantId });
      return row ? toLead(row) : null;
    });
  }

  leads(tenantId: string, filter: LeadFilter = {}, args: ListArgs) {
    return this.reader.read(tenantId, async (em) => {
      const where: FilterQuery<LeadView> = { tenantId, ...(filter.status ? { status: filter.status } : {}), ...search(filter.q) };
      const [rows, total] = await em.findAndCount(LeadView, where, {
        orderBy: orderBy(args, LEAD_SORT),
        limit: args.perPage,
        offset: (args.page - 1) * args.perPage,
      });
      return { items: rows.map(toLead), total };
    });
  }

  client(tenantId: string, id: string): Promise<Client | null> {
    return this.reader.read(tenantId, async (em) => {
      const row = await em.findOne(ClientView, { id, tenantId });
      return row ? toClient(row) : null;
    });
  }

  clients(tenantId: string, filter: ClientFilter = {}, args: ListArgs) {
    return this.reader.read(tenantId, async (em) => {
      const [rows, total] = await em.findAndCount(
        ClientView,
        { tenantId, ...search(filter.q) },
        { orderBy: orderBy(args, CLIENT_SORT), limit: args.perPage, offset: (args.page - 1) * args.perPage },
      );
      return { items: rows.map(toClient), total };
    });
  }
}
