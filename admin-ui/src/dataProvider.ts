import { HttpError, type DataProvider, type GetListParams, type Identifier, type RaRecord } from 'react-admin';
import { graphql } from './graphql';

export type LeadStatus = 'NEW' | 'QUALIFIED' | 'DISQUALIFIED' | 'CONVERTED';

export type Lead = RaRecord & {
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  source: string | null;
  status: LeadStatus;
  clientId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Client = RaRecord & {
  name: string;
  email: string;
  company: string | null;
  leadId: string | null;
  createdAt: string;
};

export type RecordedEvent = {
  type: string;
  revision: number;
  position: string | number;
  recordedAt: string;
  data: unknown;
  metadata: unknown;
};

const LEAD_FIELDS = 'id name email company phone source status clientId createdAt updatedAt';
const CLIENT_FIELDS = 'id name email company leadId createdAt';

/** How each resource maps onto the API: list and single queries, the filters it accepts, its fields. */
const resources = {
  leads: { list: 'leads', one: 'lead', filterType: 'LeadFilter', filters: ['status', 'q'], fields: LEAD_FIELDS },
  clients: { list: 'clients', one: 'client', filterType: 'ClientFilter', filters: ['q'], fields: CLIENT_FIELDS },
} as const;

type ResourceName = keyof typeof resources;

const resourceOf = (name: string) => {
  if (!(name in resources)) throw new HttpError(`Unknown resource "${name}"`, 404);
  return resources[name as ResourceName];
};

const unsupported = (what: string) => () =>
  Promise.reject(new HttpError(`${what} is not possible here: records change only through their actions.`, 405));

/** Only the filters the API knows, without empty values (an empty search box means no filter). */
const apiFilter = (allowed: readonly string[], filter: Record<string, unknown> = {}) => {
  const result: Record<string, unknown> = {};
  for (const key of allowed) {
    const value = filter[key];
    if (value !== undefined && value !== null && value !== '') result[key] = typeof value === 'string' ? value.trim() : value;
  }
  return Object.keys(result).length ? result : undefined;
};

/** The API's largest page (react-admin's export asks for more). */
const MAX_PER_PAGE = 500;

const getList = async (resource: string, params: GetListParams) => {
  const r = resourceOf(resource);
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  const sort = params.sort?.field ? params.sort : undefined;
  const query = `
    query List($filter: ${r.filterType}, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
      ${r.list}(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
        items { ${r.fields} }
        total
      }
    }`;
  const data = await graphql<Record<string, { items: RaRecord[]; total: number }>>(query, {
    filter: apiFilter(r.filters, params.filter),
    page,
    perPage: Math.min(perPage, MAX_PER_PAGE),
    sortField: sort?.field,
    sortOrder: sort ? (sort.order === 'DESC' ? 'DESC' : 'ASC') : undefined,
  });
  return { data: data[r.list].items, total: data[r.list].total };
};

const fetchOne = async (resource: string, id: Identifier) => {
  const r = resourceOf(resource);
  const query = `query One($id: ID!) { ${r.one}(id: $id) { ${r.fields} } }`;
  const data = await graphql<Record<string, RaRecord | null>>(query, { id: String(id) });
  return data[r.one];
};

const CAPTURE_LEAD = `
  mutation CaptureLead($input: CaptureLeadInput!) { captureLead(input: $input) { ${LEAD_FIELDS} } }`;
const QUALIFY_LEAD = `mutation QualifyLead($id: ID!) { qualifyLead(id: $id) { ${LEAD_FIELDS} } }`;
const DISQUALIFY_LEAD = `
  mutation DisqualifyLead($id: ID!, $reason: String!) { disqualifyLead(id: $id, reason: $reason) { ${LEAD_FIELDS} } }`;
const CONVERT_LEAD = `mutation ConvertLead($id: ID!) { convertLead(id: $id) { ${CLIENT_FIELDS} } }`;
const HISTORY = `
  query History($entity: String!, $id: ID!) {
    history(entity: $entity, id: $id) { type revision position recordedAt data metadata }
  }`;

/**
 * Read models follow the event log a moment after a command is accepted. Before answering a
 * command, wait (at most ~3 s) until its effect is visible to queries, so the page the user lands
 * on next (the new lead, the new client, the refreshed status) already shows it.
 */
const visible = async <T extends RaRecord>(resource: ResourceName, id: Identifier, ready: (record: T) => boolean) => {
  for (let delay = 50; delay <= 1600; delay *= 2) {
    const record = (await fetchOne(resource, id).catch(() => null)) as T | null;
    if (record && ready(record)) return record;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  return null;
};

/** Optional text inputs: an empty field is "not given", not an empty string. */
const orNull = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export type AnnalsDataProvider = DataProvider & {
  qualifyLead(id: Identifier): Promise<{ data: Lead }>;
  disqualifyLead(id: Identifier, reason: string): Promise<{ data: Lead }>;
  convertLead(id: Identifier): Promise<{ data: Client }>;
  history(entity: string, id: Identifier): Promise<{ data: RecordedEvent[] }>;
};

export const dataProvider: AnnalsDataProvider = {
  getList: getList as DataProvider['getList'],

  getOne: (async (resource: string, { id }: { id: Identifier }) => {
    const record = await fetchOne(resource, id);
    if (!record) throw new HttpError(`No ${resource.replace(/s$/, '')} with id ${id}`, 404);
    return { data: record };
  }) as DataProvider['getOne'],

  getMany: (async (resource: string, { ids }: { ids: Identifier[] }) => {
    // The API has no batch query; the pages that need this ask for a handful of records at most.
    const records = await Promise.all([...new Set(ids)].map((id) => fetchOne(resource, id)));
    return { data: records.filter((record): record is RaRecord => record !== null) };
  }) as DataProvider['getMany'],

  getManyReference: (async (resource: string, params) => {
    const { target, id, ...rest } = params;
    return getList(resource, { ...rest, filter: { ...rest.filter, [target]: id } });
  }) as DataProvider['getManyReference'],

  create: (async (resource: string, { data }: { data: Record<string, unknown> }) => {
    if (resource !== 'leads') return unsupported(`Creating ${resource}`)();
    const input = {
      name: String(data.name ?? '').trim(),
      email: String(data.email ?? '').trim(),
      company: orNull(data.company),
      phone: orNull(data.phone),
      source: orNull(data.source),
    };
    const { captureLead } = await graphql<{ captureLead: Lead }>(CAPTURE_LEAD, { input });
    return { data: (await visible<Lead>('leads', captureLead.id, () => true)) ?? captureLead };
  }) as DataProvider['create'],

  update: unsupported('Editing'),
  updateMany: unsupported('Editing'),
  delete: unsupported('Deleting'),
  deleteMany: unsupported('Deleting'),

  async qualifyLead(id) {
    const { qualifyLead } = await graphql<{ qualifyLead: Lead }>(QUALIFY_LEAD, { id: String(id) });
    return { data: (await visible<Lead>('leads', id, (lead) => lead.status !== 'NEW')) ?? qualifyLead };
  },

  async disqualifyLead(id, reason) {
    const { disqualifyLead } = await graphql<{ disqualifyLead: Lead }>(DISQUALIFY_LEAD, { id: String(id), reason });
    return { data: (await visible<Lead>('leads', id, (lead) => lead.status !== 'NEW')) ?? disqualifyLead };
  },

  async convertLead(id) {
    const { convertLead } = await graphql<{ convertLead: Client }>(CONVERT_LEAD, { id: String(id) });
    await visible<Lead>('leads', id, (lead) => lead.status === 'CONVERTED');
    return { data: (await visible<Client>('clients', convertLead.id, () => true)) ?? convertLead };
  },

  async history(entity, id) {
    const { history } = await graphql<{ history: RecordedEvent[] }>(HISTORY, { entity, id: String(id) });
    return { data: history };
  },
};
