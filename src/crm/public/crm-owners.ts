/**
 * Who owns CRM's leads and clients, and what they are called, for other contexts (notifications
 * tell a record's owner). Read with the caller's EntityManager inside its tenant read (row-level
 * security on), so no other context touches CRM's tables or entities itself.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientView } from '../../../projections/crm/client.entity';
import { LeadView } from '../../../projections/crm/lead.entity';

export interface CrmRecordOwner {
  id: string;
  /** The record's name as people know it ("Ada Lovelace (Analytical Engines)", a client's name). */
  name: string;
  /** The owning user's id; null when nobody owns it. */
  ownerId: string | null;
}

const named = (name: string, company: string | null) => (company && company !== name ? `${name} (${company})` : name);

/** The tenant's leads among `ids`, by id; ids of no lead are left out. */
export const leadOwners = async (em: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, CrmRecordOwner>> => {
  if (ids.length === 0) return new Map();
  const leads = await em.find(LeadView, { tenantId, id: { $in: [...new Set(ids)] } }, { fields: ['id', 'name', 'company', 'ownerId'] });
  return new Map(leads.map((lead) => [lead.id, { id: lead.id, name: named(lead.name, lead.company), ownerId: lead.ownerId }]));
};

/** The tenant's clients among `ids`, by id; ids of no client are left out. */
export const clientOwners = async (em: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, CrmRecordOwner>> => {
  if (ids.length === 0) return new Map();
  const clients = await em.find(ClientView, { tenantId, id: { $in: [...new Set(ids)] } }, { fields: ['id', 'name', 'ownerId'] });
  return new Map(clients.map((client) => [client.id, { id: client.id, name: client.name, ownerId: client.ownerId }]));
};
