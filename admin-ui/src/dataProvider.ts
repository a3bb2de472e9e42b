import { HttpError, type DataProvider, type GetListParams, type Identifier, type RaRecord } from 'react-admin';
import { graphql } from './graphql';
import type { Account, ArAging, Client, Invoice, JournalEntry, Lead, Order, PaymentMethod, Product, Quote, RecordedEvent, TrialBalance } from './records';

import {
  LEAD_FIELDS,
  CLIENT_FIELDS,
  PRODUCT_FIELDS,
  QUOTE_FIELDS,
  ORDER_FIELDS,
  INVOICE_FIELDS,
  ACCOUNT_FIELDS,
  JOURNAL_ENTRY_FIELDS,
  CAPTURE_LEAD,
  QUALIFY_LEAD,
  DISQUALIFY_LEAD,
  CONVERT_LEAD,
  CREATE_PRODUCT,
  DRAFT_QUOTE,
  REVISE_QUOTE,
  POST_JOURNAL_ENTRY,
  TRIAL_BALANCE,
  AR_AGING,
  HISTORY,
  CHANGE_PRODUCT_PRICE,
  DEACTIVATE_PRODUCT,
  SEND_QUOTE,
  ACCEPT_QUOTE,
  REJECT_QUOTE,
  PLACE_ORDER,
  AUTHORIZE_PAYMENT,
  FAIL_PAYMENT,
  SHIP_ORDER,
  CONFIRM_DELIVERY,
  CANCEL_ORDER,
  SEND_INVOICE,
  VOID_INVOICE,
  RECORD_PAYMENT,
  ISSUE_CREDIT_NOTE,
  REVERSE_JOURNAL_ENTRY,
} from './documents';

export type * from './records';

type ResourceConfig = {
  list: string;
  one: string;
  /** The GraphQL type of the list's `filter` argument; lists without one take `args` only. */
  filterType?: string;
  filters: readonly string[];
  /** Filters that are booleans in the API (select inputs hand over "true" / "false"). */
  booleans?: readonly string[];
  /** Top-level arguments of the list and single queries, read from the filter (the accounts' asOf). */
  args?: Readonly<Record<string, string>>;
  /** The single query's key argument when it is not `id: ID!`. */
  key?: { name: string; type: string };
  fields: string;
  /** Turns the API's object into the record react-admin keeps (an id it can route with). */
  toRecord?: (item: Record<string, unknown>) => RaRecord;
};

/** How each resource maps onto the API: list and single queries, the filters it accepts, its fields. */
const resources = {
  leads: { list: 'leads', one: 'lead', filterType: 'LeadFilter', filters: ['status', 'q'], fields: LEAD_FIELDS },
  clients: { list: 'clients', one: 'client', filterType: 'ClientFilter', filters: ['q'], fields: CLIENT_FIELDS },
  products: {
    list: 'products',
    one: 'product',
    filterType: 'ProductFilter',
    filters: ['q', 'active'],
    booleans: ['active'],
    fields: PRODUCT_FIELDS,
  },
  quotes: { list: 'quotes', one: 'quote', filterType: 'QuoteFilter', filters: ['status', 'clientId', 'q'], fields: QUOTE_FIELDS },
  orders: { list: 'orders', one: 'order', filterType: 'OrderFilter', filters: ['status', 'clientId'], fields: ORDER_FIELDS },
  invoices: {
    list: 'invoices',
    one: 'invoice',
    filterType: 'InvoiceFilter',
    filters: ['status', 'clientId', 'orderId', 'overdue'],
    booleans: ['overdue'],
    fields: INVOICE_FIELDS,
  },
  accounts: {
    list: 'accounts',
    one: 'account',
    filters: [],
    args: { asOf: 'String' },
    key: { name: 'code', type: 'String!' },
    fields: ACCOUNT_FIELDS,
    toRecord: (item) => ({ ...item, accountId: item.id, id: item.code as string }),
  },
  journalEntries: {
    list: 'journalEntries',
    one: 'journalEntry',
    filterType: 'JournalEntryFilter',
    filters: ['accountCode', 'from', 'to'],
    fields: JOURNAL_ENTRY_FIELDS,
  },
} satisfies Record<string, ResourceConfig>;

type ResourceName = keyof typeof resources;

const resourceOf = (name: string): ResourceConfig => {
  if (!(name in resources)) throw new HttpError(`Unknown resource "${name}"`, 404);
  return resources[name as ResourceName];
};

const toRecord = (r: ResourceConfig, item: RaRecord | null) => (item && r.toRecord ? r.toRecord(item) : item);

const unsupported = (what: string) => () => Promise.reject(new HttpError(`${what} is not possible here: records change only through their actions.`, 405));

/** Only the filters the API knows, without empty values (an empty search box means no filter). */
const apiFilter = (allowed: readonly string[], filter: Record<string, unknown> = {}, booleans: readonly string[] = []) => {
  const result: Record<string, unknown> = {};
  for (const key of allowed) {
    const value = filter[key];
    if (value === undefined || value === null || value === '') continue;
    if (booleans.includes(key)) result[key] = value === true || value === 'true';
    else result[key] = typeof value === 'string' ? value.trim() : value;
  }
  return Object.keys(result).length ? result : undefined;
};

/** Top-level arguments (the accounts' asOf), declared and valued from the filter. */
const topLevelArgs = (r: ResourceConfig, filter: Record<string, unknown> = {}) => {
  const entries = Object.entries(r.args ?? {});
  return {
    declarations: entries.map(([name, type]) => `, $${name}: ${type}`).join(''),
    uses: entries.map(([name]) => `, ${name}: $${name}`).join(''),
    values: Object.fromEntries(entries.map(([name]) => [name, filter[name] === '' ? undefined : filter[name]])),
  };
};

/** The API's largest page (react-admin's export asks for more). */
const MAX_PER_PAGE = 500;

const getList = async (resource: string, params: GetListParams) => {
  const r = resourceOf(resource);
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  // react-admin sorts by id unless told otherwise (reference inputs); no list sorts by id: use the API's default.
  const sort = params.sort?.field && params.sort.field !== 'id' ? params.sort : undefined;
  const args = topLevelArgs(r, params.filter);
  const query = `
    query List(${r.filterType ? `$filter: ${r.filterType}, ` : ''}$page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder${args.declarations}) {
      ${r.list}(${r.filterType ? 'filter: $filter, ' : ''}page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder${args.uses}) {
        items { ${r.fields} }
        total
      }
    }`;
  const data = await graphql<Record<string, { items: RaRecord[]; total: number }>>(query, {
    ...(r.filterType ? { filter: apiFilter(r.filters, params.filter, r.booleans) } : {}),
    ...args.values,
    page,
    perPage: Math.min(perPage, MAX_PER_PAGE),
    sortField: sort?.field,
    sortOrder: sort ? (sort.order === 'DESC' ? 'DESC' : 'ASC') : undefined,
  });
  return { data: data[r.list].items.map((item) => toRecord(r, item)!), total: data[r.list].total };
};

const fetchOne = async (resource: string, id: Identifier) => {
  const r = resourceOf(resource);
  const key = r.key ?? { name: 'id', type: 'ID!' };
  const query = `query One($key: ${key.type}) { ${r.one}(${key.name}: $key) { ${r.fields} } }`;
  const data = await graphql<Record<string, RaRecord | null>>(query, { key: String(id) });
  return toRecord(r, data[r.one]);
};

/** A quote form's lines as the API takes them: a product's defaults fill what is left empty. */
const quoteLinesInput = (data: Record<string, unknown>) =>
  ((Array.isArray(data.lines) ? data.lines : []) as Record<string, unknown>[]).map((line) => ({
    productId: orNull(line.productId),
    description: orNull(line.description) ?? undefined,
    quantity: String(line.quantity ?? '').trim(),
    unitPrice: orNull(line.unitPrice) ?? undefined,
    taxRate: orNull(line.taxRate) ?? undefined,
  }));

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

/**
 * One domain command: the mutation, then the record as queries show it once the command's effect
 * is visible there (the fields in `settled` equal the mutation's answer).
 */
const command = async <T extends RaRecord>(
  resource: ResourceName,
  mutation: string,
  variables: Record<string, unknown>,
  settled: (keyof T & string)[] = ['status'],
) => {
  const data = await graphql<Record<string, T>>(mutation, variables);
  const answer = Object.values(data)[0];
  const id = resource === 'accounts' ? (answer as unknown as Account).code : answer.id;
  const record = await visible<T>(resource, id, (record) => settled.every((key) => record[key] === answer[key]));
  return { data: record ?? (toRecord(resourceOf(resource), answer) as T) };
};

export type RecordPaymentInput = { invoiceId: string; amount: string; method: PaymentMethod; reference: string; receivedOn?: string | null };

export type AnnalsDataProvider = DataProvider & {
  changeProductPrice(id: Identifier, unitPrice: string): Promise<{ data: Product }>;
  deactivateProduct(id: Identifier): Promise<{ data: Product }>;
  sendQuote(id: Identifier): Promise<{ data: Quote }>;
  acceptQuote(id: Identifier): Promise<{ data: Quote }>;
  rejectQuote(id: Identifier, reason: string): Promise<{ data: Quote }>;
  placeOrder(quoteId: Identifier): Promise<{ data: Order }>;
  authorizePayment(id: Identifier, reference: string): Promise<{ data: Order }>;
  failPayment(id: Identifier, reason: string): Promise<{ data: Order }>;
  shipOrder(id: Identifier, carrier: string, trackingNumber: string): Promise<{ data: Order }>;
  confirmDelivery(id: Identifier): Promise<{ data: Order }>;
  cancelOrder(id: Identifier, reason: string): Promise<{ data: Order }>;
  sendInvoice(id: Identifier): Promise<{ data: Invoice }>;
  recordPayment(input: RecordPaymentInput): Promise<{ data: Invoice }>;
  issueCreditNote(invoiceId: Identifier, amount: string, reason: string): Promise<{ data: Invoice }>;
  voidInvoice(id: Identifier, reason: string): Promise<{ data: Invoice }>;
  reverseJournalEntry(id: Identifier, reason: string): Promise<{ data: JournalEntry }>;
  trialBalance(asOf: string): Promise<{ data: TrialBalance }>;
  arAging(asOf: string): Promise<{ data: ArAging }>;
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
    if (resource === 'products') {
      const input = {
        sku: String(data.sku ?? '').trim(),
        name: String(data.name ?? '').trim(),
        unitPrice: String(data.unitPrice ?? '').trim(),
        taxRate: String(data.taxRate ?? '').trim(),
      };
      const { createProduct } = await graphql<{ createProduct: Product }>(CREATE_PRODUCT, { input });
      return { data: (await visible<Product>('products', createProduct.id, () => true)) ?? createProduct };
    }
    if (resource === 'quotes') {
      const input = { clientId: data.clientId, validUntil: orNull(data.validUntil), lines: quoteLinesInput(data) };
      const { draftQuote } = await graphql<{ draftQuote: Quote }>(DRAFT_QUOTE, { input });
      return { data: (await visible<Quote>('quotes', draftQuote.id, () => true)) ?? draftQuote };
    }
    if (resource === 'journalEntries') {
      const lines = (Array.isArray(data.lines) ? data.lines : []) as Record<string, unknown>[];
      const input = {
        date: String(data.date ?? '').trim(),
        memo: String(data.memo ?? '').trim(),
        lines: lines.map((line) => ({
          accountCode: String(line.accountCode ?? ''),
          debit: orNull(line.debit) ?? '0',
          credit: orNull(line.credit) ?? '0',
        })),
      };
      const { postJournalEntry } = await graphql<{ postJournalEntry: JournalEntry }>(POST_JOURNAL_ENTRY, { input });
      return { data: (await visible<JournalEntry>('journalEntries', postJournalEntry.id, () => true)) ?? postJournalEntry };
    }
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

  update: (async (resource: string, { id, data }: { id: Identifier; data: Record<string, unknown> }) => {
    // The one edit there is: revising a quote (a command, run like the others).
    if (resource !== 'quotes') return unsupported('Editing')();
    const input = { validUntil: orNull(data.validUntil), lines: quoteLinesInput(data) };
    return command<Quote>('quotes', REVISE_QUOTE, { id: String(id), input }, ['revision']);
  }) as DataProvider['update'],
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

  changeProductPrice: (id, unitPrice) => command<Product>('products', CHANGE_PRODUCT_PRICE, { id: String(id), unitPrice: unitPrice.trim() }, ['unitPrice']),
  deactivateProduct: (id) => command<Product>('products', DEACTIVATE_PRODUCT, { id: String(id) }, ['active']),
  sendQuote: (id) => command<Quote>('quotes', SEND_QUOTE, { id: String(id) }),
  acceptQuote: (id) => command<Quote>('quotes', ACCEPT_QUOTE, { id: String(id) }),
  rejectQuote: (id, reason) => command<Quote>('quotes', REJECT_QUOTE, { id: String(id), reason: reason.trim() }),

  async placeOrder(quoteId) {
    const placed = await command<Order>('orders', PLACE_ORDER, { quoteId: String(quoteId) });
    // The quote page links to its order once the quote's read model knows it.
    await visible<Quote>('quotes', quoteId, (quote) => quote.orderId != null);
    return placed;
  },
  authorizePayment: (id, reference) => command<Order>('orders', AUTHORIZE_PAYMENT, { orderId: String(id), reference: reference.trim() }),
  failPayment: (id, reason) => command<Order>('orders', FAIL_PAYMENT, { orderId: String(id), reason: reason.trim() }),
  shipOrder: (id, carrier, trackingNumber) =>
    command<Order>('orders', SHIP_ORDER, { orderId: String(id), carrier: carrier.trim(), trackingNumber: trackingNumber.trim() }),
  confirmDelivery: (id) => command<Order>('orders', CONFIRM_DELIVERY, { orderId: String(id) }),
  cancelOrder: (id, reason) => command<Order>('orders', CANCEL_ORDER, { orderId: String(id), reason: reason.trim() }),

  sendInvoice: (id) => command<Invoice>('invoices', SEND_INVOICE, { id: String(id) }, ['status', 'sentOn']),
  recordPayment: (input) =>
    command<Invoice>(
      'invoices',
      RECORD_PAYMENT,
      { input: { ...input, amount: input.amount.trim(), reference: input.reference.trim(), receivedOn: orNull(input.receivedOn) } },
      ['status', 'amountPaid'],
    ),
  issueCreditNote: (invoiceId, amount, reason) =>
    command<Invoice>('invoices', ISSUE_CREDIT_NOTE, { input: { invoiceId: String(invoiceId), amount: amount.trim(), reason: reason.trim() } }, [
      'status',
      'credited',
    ]),
  voidInvoice: (id, reason) => command<Invoice>('invoices', VOID_INVOICE, { id: String(id), reason: reason.trim() }),

  async reverseJournalEntry(id, reason) {
    const reversal = await command<JournalEntry>('journalEntries', REVERSE_JOURNAL_ENTRY, { id: String(id), reason: reason.trim() }, []);
    await visible<JournalEntry>('journalEntries', id, (entry) => entry.reversedBy != null);
    return reversal;
  },

  async trialBalance(asOf) {
    const { trialBalance } = await graphql<{ trialBalance: TrialBalance }>(TRIAL_BALANCE, { asOf });
    return { data: trialBalance };
  },

  async arAging(asOf) {
    const { arAging } = await graphql<{ arAging: ArAging }>(AR_AGING, { asOf });
    return { data: arAging };
  },

  async history(entity, id) {
    const { history } = await graphql<{ history: RecordedEvent[] }>(HISTORY, { entity, id: String(id) });
    return { data: history };
  },
};
