import { HttpError, type DataProvider, type GetListParams, type Identifier, type RaRecord } from 'react-admin';
import { graphql } from './graphql';
import {
  CAPTURE_LEAD,
  CREATE_PRODUCT,
  DRAFT_QUOTE,
  LOG_ACTIVITY,
  OPEN_ACCOUNT,
  POST_JOURNAL_ENTRY,
  REGISTER_CLIENT,
  REVISE_QUOTE,
  UPDATE_CLIENT_DETAILS,
} from './commands';
import type * as Api from './generated/graphql';
import * as Q from './queries';

export type * from './records';

/** Each resource's list and single queries, and the filters its list takes (keys checked against the schema's input types). */
type ResourceConfig = {
  list: string;
  one: string;
  filters: readonly string[];
  /** Filters that are booleans in the API (select inputs hand over "true" / "false"). */
  booleans?: readonly string[];
  /** The single query's variables, from react-admin's id. */
  key?: (id: Identifier) => Record<string, unknown>;
  /** Turns the API's object into the record react-admin keeps (an id it can route with). */
  toRecord?: (item: Record<string, unknown>) => RaRecord;
  /** Lists that take top-level arguments instead of a filter (the accounts' asOf). */
  topLevel?: boolean;
};

const filters = <Filter>(...keys: (keyof Filter & string)[]) => keys;

const resources: Record<string, ResourceConfig> = {
  leads: { list: Q.LEADS_QUERY, one: Q.LEAD_QUERY, filters: filters<Api.LeadFilter>('status', 'q', 'ownerId') },
  clients: { list: Q.CLIENTS_QUERY, one: Q.CLIENT_QUERY, filters: filters<Api.ClientFilter>('q', 'ownerId', 'archived'), booleans: ['archived'] },
  activities: {
    list: Q.ACTIVITIES_QUERY,
    one: Q.ACTIVITY_QUERY,
    filters: filters<Api.ActivityFilter>('kind', 'open', 'subjectId', 'subjectType'),
    booleans: ['open'],
  },
  products: { list: Q.PRODUCTS_QUERY, one: Q.PRODUCT_QUERY, filters: filters<Api.ProductFilter>('q', 'active'), booleans: ['active'] },
  quotes: { list: Q.QUOTES_QUERY, one: Q.QUOTE_QUERY, filters: filters<Api.QuoteFilter>('status', 'clientId', 'q') },
  orders: { list: Q.ORDERS_QUERY, one: Q.ORDER_QUERY, filters: filters<Api.OrderFilter>('status', 'clientId') },
  invoices: {
    list: Q.INVOICES_QUERY,
    one: Q.INVOICE_QUERY,
    filters: filters<Api.InvoiceFilter>('status', 'clientId', 'orderId', 'overdue'),
    booleans: ['overdue'],
  },
  accounts: {
    list: Q.ACCOUNTS_QUERY,
    one: Q.ACCOUNT_QUERY,
    filters: filters<Api.AccountsQueryVariables>('asOf'),
    topLevel: true,
    key: (id) => ({ code: String(id) }),
    toRecord: (item) => ({ ...item, accountId: item.id, id: item.code as string }),
  },
  journalEntries: { list: Q.JOURNAL_ENTRIES_QUERY, one: Q.JOURNAL_ENTRY_QUERY, filters: filters<Api.JournalEntryFilter>('accountCode', 'from', 'to') },
};

const resourceOf = (name: string): ResourceConfig => {
  const resource = resources[name];
  if (!resource) throw new HttpError(`Unknown resource "${name}"`, 404);
  return resource;
};

/** The one field a query or mutation answers. */
const only = <T>(data: Record<string, T>): T => Object.values(data)[0];

const toRecord = (r: ResourceConfig, item: RaRecord | null) => (item && r.toRecord ? r.toRecord(item) : item);

const unsupported = (what: string) => () => Promise.reject(new HttpError(`${what} is not possible here: records change only through their actions.`, 405));

/** Only the filters the API knows, without empty values (an empty search box means no filter). */
const apiFilter = (r: ResourceConfig, filter: Record<string, unknown> = {}) => {
  const result: Record<string, unknown> = {};
  for (const key of r.filters) {
    const value = filter[key];
    if (value === undefined || value === null || value === '') continue;
    if (r.booleans?.includes(key)) result[key] = value === true || value === 'true';
    else result[key] = typeof value === 'string' ? value.trim() : value;
  }
  return Object.keys(result).length ? result : undefined;
};

/** The API's largest page (react-admin's export asks for more). */
const MAX_PER_PAGE = 500;

const getList = async (resource: string, params: GetListParams) => {
  const r = resourceOf(resource);
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  // react-admin sorts by id unless told otherwise (reference inputs); no list sorts by id: use the API's default.
  const sort = params.sort?.field && params.sort.field !== 'id' ? params.sort : undefined;
  const filter = apiFilter(r, params.filter);
  const list = only(
    await graphql<Record<string, { items: RaRecord[]; total: number }>>(r.list, {
      ...(r.topLevel ? filter : { filter }),
      page,
      perPage: Math.min(perPage, MAX_PER_PAGE),
      sortField: sort?.field,
      sortOrder: sort ? (sort.order === 'DESC' ? 'DESC' : 'ASC') : undefined,
    }),
  );
  return { data: list.items.map((item) => toRecord(r, item)!), total: list.total };
};

const fetchOne = async (resource: string, id: Identifier) => {
  const r = resourceOf(resource);
  return toRecord(r, only(await graphql<Record<string, RaRecord | null>>(r.one, r.key ? r.key(id) : { id: String(id) })));
};

/** Optional text inputs: an empty field is "not given", not an empty string. */
const orNull = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const text = (value: unknown) => String(value ?? '').trim();

/**
 * Sends one command (a mutation) and answers what it answers. The server waits for its read models
 * before answering (read-your-writes), so the page shown next already has the change.
 * `idempotencyKey` is the click's: a retried request of the same click has one effect.
 */
export const sendCommand = async <T = RaRecord>(document: string, variables: Record<string, unknown>, idempotencyKey?: string): Promise<T> =>
  only(await graphql<Record<string, T>>(document, variables, { idempotencyKey }));

/** A quote form's lines as the API takes them: a product's defaults fill what is left empty. */
const quoteLinesInput = (data: Record<string, unknown>) =>
  ((Array.isArray(data.lines) ? data.lines : []) as Record<string, unknown>[]).map((line) => ({
    productId: orNull(line.productId),
    description: orNull(line.description) ?? undefined,
    quantity: text(line.quantity),
    unitPrice: orNull(line.unitPrice) ?? undefined,
    taxRate: orNull(line.taxRate) ?? undefined,
  }));

/** What each create form sends: its mutation and the input built from the form. */
const creates: Record<string, { document: string; input: (data: Record<string, unknown>) => Record<string, unknown> }> = {
  leads: {
    document: CAPTURE_LEAD,
    input: (data) => ({
      name: text(data.name),
      email: text(data.email),
      company: orNull(data.company),
      phone: orNull(data.phone),
      source: orNull(data.source),
    }),
  },
  clients: {
    document: REGISTER_CLIENT,
    input: (data) => ({ name: text(data.name), email: text(data.email), company: orNull(data.company), phone: orNull(data.phone) }),
  },
  activities: {
    document: LOG_ACTIVITY,
    input: (data) => ({
      subjectType: data.subjectType,
      subjectId: data.subjectId,
      kind: data.kind,
      subject: text(data.subject),
      notes: orNull(data.notes),
      dueOn: orNull(data.dueOn),
    }),
  },
  products: {
    document: CREATE_PRODUCT,
    input: (data) => ({ sku: text(data.sku), name: text(data.name), unitPrice: text(data.unitPrice), taxRate: text(data.taxRate) }),
  },
  quotes: { document: DRAFT_QUOTE, input: (data) => ({ clientId: data.clientId, validUntil: orNull(data.validUntil), lines: quoteLinesInput(data) }) },
  accounts: { document: OPEN_ACCOUNT, input: (data) => ({ code: text(data.code), name: text(data.name), type: data.type }) },
  journalEntries: {
    document: POST_JOURNAL_ENTRY,
    input: (data) => ({
      date: text(data.date),
      memo: text(data.memo),
      lines: ((Array.isArray(data.lines) ? data.lines : []) as Record<string, unknown>[]).map((line) => ({
        accountCode: String(line.accountCode ?? ''),
        debit: orNull(line.debit) ?? '0',
        credit: orNull(line.credit) ?? '0',
      })),
    }),
  },
};

/** What each edit form sends. */
const updates: Record<string, { document: string; variables: (id: Identifier, data: Record<string, unknown>) => Record<string, unknown> }> = {
  quotes: {
    document: REVISE_QUOTE,
    variables: (id, data) => ({ id: String(id), input: { validUntil: orNull(data.validUntil), lines: quoteLinesInput(data) } }),
  },
  clients: {
    document: UPDATE_CLIENT_DETAILS,
    variables: (id, data) => ({
      id: String(id),
      input: { name: text(data.name), email: text(data.email), company: orNull(data.company), phone: orNull(data.phone) },
    }),
  },
};

const newKey = () => crypto.randomUUID();

export type AnnalsDataProvider = DataProvider & {
  /** A query that is not a resource's list (reports, the dashboard's panels): the field it answers. */
  query<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
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

  // Each Save click is one command, with a key of its own.
  create: (async (resource: string, { data }: { data: Record<string, unknown> }) => {
    const create = creates[resource];
    if (!create) return unsupported(`Creating ${resource}`)();
    const created = await sendCommand<RaRecord>(create.document, { input: create.input(data) }, newKey());
    return { data: toRecord(resourceOf(resource), created) };
  }) as DataProvider['create'],

  update: (async (resource: string, { id, data }: { id: Identifier; data: Record<string, unknown> }) => {
    const update = updates[resource];
    if (!update) return unsupported('Editing')();
    return { data: await sendCommand<RaRecord>(update.document, update.variables(id, data), newKey()) };
  }) as DataProvider['update'],
  updateMany: unsupported('Editing'),
  delete: unsupported('Deleting'),
  deleteMany: unsupported('Deleting'),

  async query<T>(document: string, variables: Record<string, unknown> = {}) {
    return only(await graphql<Record<string, T>>(document, variables));
  },
};
