/**
 * What other contexts may read of CRM's clients: a name to show next to a client id, and the ids
 * of the clients a search term finds. Read with the caller's EntityManager, inside its tenant
 * read (one transaction, row-level security on), so another context never touches CRM's tables
 * or entities itself.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientView } from '../../../projections/crm/client.entity';
import { deterministicId } from '../../shared/domain/ids';
import { knownAtScope } from '../../shared/history/known-at';
import type { TenantReader } from '../../shared/read-model/tenant-reader';

/**
 * The names of the tenant's clients among `ids`, in one query; ids of no client are left out. As
 * known at a moment (knownAt), the names the clients had then, folded from their streams.
 */
export const clientNames = async (em: EntityManager, tenantId: string, ids: readonly string[], reader: TenantReader): Promise<Map<string, string>> => {
  if (ids.length === 0) return new Map();
  if (knownAtScope.getStore()) {
    const clients = await reader.findByIds(em, ClientView, tenantId, ids);
    return new Map([...clients].map(([id, client]) => [id, client.name]));
  }
  const clients = await em.find(ClientView, { tenantId, id: { $in: [...new Set(ids)] } }, { fields: ['id', 'name'] });
  return new Map(clients.map((client) => [client.id, client.name]));
};

/** The ids of the tenant's clients whose name or company matches `like` (an ILIKE pattern), at most `limit`. */
export const clientIdsMatching = async (em: EntityManager, tenantId: string, like: string, limit = 1000): Promise<string[]> => {
  const clients = await em.find(ClientView, { tenantId, $or: [{ name: { $ilike: like } }, { company: { $ilike: like } }] }, { fields: ['id'], limit });
  return clients.map((client) => client.id);
};

/** A converted lead's client has an id fixed by the lead, so registering it twice is impossible. */
export const clientIdForLead = (tenantId: string, leadId: string) => deterministicId(tenantId, 'client-of-lead', leadId);
