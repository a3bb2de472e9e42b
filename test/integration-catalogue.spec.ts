import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import {
  integrationCatalogue,
  integrationEventFilter,
  integrationEventSchemas,
  integrationTopics,
  toIntegrationEvent,
  topicOf,
} from '../src/integration/integration-catalogue';
import { CloudEvent, historyOf, JsonSchema, MissingHistory, noHistory } from '../src/shared/integration/integration-event';
import { RecordedEvent } from '../src/shared/event-store/event-store.port';
import { MemoryLog } from './support/integration-log';

const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
addFormats(ajv);
const validators = new Map(Object.entries(integrationEventSchemas).map(([type, schema]) => [type, ajv.compile(schema)]));
const valid = (type: string, event: unknown) => {
  const validate = validators.get(type)!;
  const ok = validate(event);
  if (!ok) throw new Error(`${type} is not valid: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(event, null, 2)}`);
  return ok;
};

/** Every object schema inside `schema` (its properties, array items, oneOf branches). */
const objectSchemas = (schema: JsonSchema, path = '$'): [string, JsonSchema][] => {
  const found: [string, JsonSchema][] = [];
  if (schema.type === 'object') found.push([path, schema]);
  for (const [name, child] of Object.entries((schema.properties as Record<string, JsonSchema>) ?? {})) found.push(...objectSchemas(child, `${path}.${name}`));
  if (schema.items) found.push(...objectSchemas(schema.items as JsonSchema, `${path}[]`));
  for (const [i, branch] of ((schema.oneOf as JsonSchema[]) ?? []).entries()) found.push(...objectSchemas(branch, `${path}|${i}`));
  return found;
};

/** A quote-to-cash life in one tenant's log: every stored type that publishes, each in a realistic place. */
const quoteToCash = (tenantId: string) => {
  const log = new MemoryLog(tenantId);
  const ids = { lead: randomUUID(), client: randomUUID(), activity: randomUUID(), product: randomUUID(), quote: randomUUID(), order: randomUUID() };
  const more = { lead: randomUUID(), quote: randomUUID(), quote3: randomUUID(), order: randomUUID(), invoice: randomUUID(), invoice2: randomUUID() };
  const entry = randomUUID();
  const chart = randomUUID();
  const line = { productId: ids.product, description: 'Consulting day', quantity: '2', unitPrice: 50000, taxRate: '20', net: 100000, tax: 20000 };
  const totals = { net: 100000, tax: 20000, total: 120000 };
  const e = {
    captured: log.append(`lead-${ids.lead}`, 'LeadCaptured', {
      leadId: ids.lead,
      name: 'Ada',
      email: 'ada@example.com',
      company: 'Engines',
      phone: '+44 1',
      source: 'web',
    }),
    qualified: log.append(`lead-${ids.lead}`, 'LeadQualified', { leadId: ids.lead }),
    leadAssigned: log.append(`lead-${ids.lead}`, 'LeadOwnerAssigned', { leadId: ids.lead, ownerId: 'owner-2' }, { actorId: 'manager-1' }),
    converted: log.append(`lead-${ids.lead}`, 'LeadConverted', { leadId: ids.lead, clientId: ids.client }),
    registered: log.append(`client-${ids.client}`, 'ClientRegistered', {
      clientId: ids.client,
      name: 'Ada',
      email: 'ada@example.com',
      company: null,
      leadId: ids.lead,
      phone: null,
      ownerId: 'owner-2',
    }),
    disqualified: log.append(`lead-${more.lead}`, 'LeadDisqualified', { leadId: more.lead, reason: 'no budget' }),
    clientAssigned: log.append(`client-${ids.client}`, 'ClientOwnerAssigned', { clientId: ids.client, ownerId: 'owner-3' }),
    renamed: log.append(`client-${ids.client}`, 'ClientDetailsUpdated', {
      clientId: ids.client,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      company: null,
      phone: null,
    }),
    logged: log.append(`activity-${ids.activity}`, 'ActivityLogged', {
      activityId: ids.activity,
      subjectType: 'CLIENT',
      subjectId: ids.client,
      kind: 'TASK',
      subject: 'Call back',
      notes: 'secret',
      dueOn: '2026-12-10',
    }),
    completed: log.append(`activity-${ids.activity}`, 'TaskCompleted', {
      activityId: ids.activity,
      subjectType: 'CLIENT',
      subjectId: ids.client,
      completedAt: '2026-12-09T10:00:00.000Z',
    }),
    productCreated: log.append(`product-${ids.product}`, 'ProductCreated', {
      productId: ids.product,
      sku: 'CONSULT',
      name: 'Consulting day',
      currency: 'USD',
      unitPrice: 50000,
      taxRate: '20',
    }),
    priceChanged: log.append(`product-${ids.product}`, 'ProductPriceChanged', { productId: ids.product, unitPrice: 55000, previousUnitPrice: 50000 }),
    drafted: log.append(`quote-${ids.quote}`, 'QuoteDrafted', {
      quoteId: ids.quote,
      clientId: ids.client,
      currency: 'USD',
      validUntil: '2026-12-31',
      revision: 1,
      lines: [line],
      net: 50000,
      tax: 10000,
      total: 60000,
    }),
    revised: log.append(`quote-${ids.quote}`, 'QuoteRevised', { quoteId: ids.quote, validUntil: '2026-12-31', revision: 2, lines: [line], ...totals }),
    quoteSent: log.append(`quote-${ids.quote}`, 'QuoteSent', { quoteId: ids.quote, revision: 2, sentOn: '2026-12-01' }),
    accepted: log.append(`quote-${ids.quote}`, 'QuoteAccepted', { quoteId: ids.quote, revision: 2, acceptedOn: '2026-12-02' }),
    drafted2: log.append(`quote-${more.quote}`, 'QuoteDrafted', {
      quoteId: more.quote,
      clientId: ids.client,
      currency: 'USD',
      validUntil: null,
      revision: 1,
      lines: [line],
      ...totals,
    }),
    rejected: log.append(`quote-${more.quote}`, 'QuoteRejected', { quoteId: more.quote, reason: 'too dear' }),
    drafted3: log.append(`quote-${more.quote3}`, 'QuoteDrafted', {
      quoteId: more.quote3,
      clientId: ids.client,
      currency: 'USD',
      validUntil: '2026-12-01',
      revision: 1,
      lines: [line],
      ...totals,
    }),
    expired: log.append(`quote-${more.quote3}`, 'QuoteExpired', { quoteId: more.quote3, validUntil: '2026-12-01' }),
    placed: log.append(`order-${ids.order}`, 'OrderPlaced', {
      orderId: ids.order,
      quoteId: ids.quote,
      clientId: ids.client,
      currency: 'USD',
      lines: [line],
      ...totals,
      placedOn: '2026-12-02',
    }),
    paymentFailed: log.append(`order-${ids.order}`, 'PaymentFailed', { orderId: ids.order, reason: 'declined' }),
    authorized: log.append(`order-${ids.order}`, 'PaymentAuthorized', { orderId: ids.order, reference: 'AUTH-1' }),
    shipped: log.append(`order-${ids.order}`, 'OrderShipped', { orderId: ids.order, carrier: 'UPS', trackingNumber: '1Z', shippedOn: '2026-12-03' }),
    delivered: log.append(`order-${ids.order}`, 'OrderDelivered', {
      orderId: ids.order,
      quoteId: ids.quote,
      clientId: ids.client,
      currency: 'USD',
      ...totals,
      deliveredOn: '2026-12-04',
    }),
    issued: log.append(`invoice-${more.invoice}`, 'InvoiceIssued', {
      invoiceId: more.invoice,
      number: 'INV-2026-000001',
      orderId: ids.order,
      clientId: ids.client,
      currency: 'USD',
      issuedOn: '2026-12-04',
      dueOn: '2027-01-03',
      ...totals,
    }),
    invoiced: log.append(`order-${ids.order}`, 'OrderInvoiced', { orderId: ids.order, invoiceId: more.invoice }),
    posted: log.append(`journalEntry-${entry}`, 'JournalEntryPosted', {
      entryId: entry,
      date: '2026-12-04',
      memo: 'Invoice INV-2026-000001',
      currency: 'USD',
      lines: [
        { accountCode: '1100', debit: 120000, credit: 0 },
        { accountCode: '4000', debit: 0, credit: 100000 },
        { accountCode: '2200', debit: 0, credit: 20000 },
      ],
      source: { type: 'InvoiceIssued', id: more.invoice, eventId: randomUUID() },
    }),
    invoiceSent: log.append(`invoice-${more.invoice}`, 'InvoiceSent', { invoiceId: more.invoice, sentOn: '2026-12-04' }),
    credited: log.append(`invoice-${more.invoice}`, 'CreditNoteIssued', {
      invoiceId: more.invoice,
      creditNoteId: randomUUID(),
      clientId: ids.client,
      currency: 'USD',
      amount: 12000,
      net: 10000,
      tax: 2000,
      reason: 'late',
      issuedOn: '2026-12-05',
    }),
    overdue: log.append(`invoice-${more.invoice}`, 'InvoiceFellOverdue', {
      invoiceId: more.invoice,
      dueOn: '2027-01-03',
      overdueOn: '2027-01-04',
      amountDue: 108000,
    }),
    payment: log.append(`invoice-${more.invoice}`, 'PaymentRecorded', {
      invoiceId: more.invoice,
      paymentId: randomUUID(),
      clientId: ids.client,
      currency: 'USD',
      amount: 108000,
      method: 'bank transfer',
      reference: 'TRX-1',
      receivedOn: '2027-01-05',
    }),
    paid: log.append(`invoice-${more.invoice}`, 'InvoiceFullyPaid', { invoiceId: more.invoice, orderId: ids.order, paidOn: '2027-01-05' }),
    closed: log.append(`order-${ids.order}`, 'OrderClosed', { orderId: ids.order }),
    placed2: log.append(`order-${more.order}`, 'OrderPlaced', {
      orderId: more.order,
      quoteId: more.quote,
      clientId: ids.client,
      currency: 'USD',
      lines: [],
      ...totals,
      placedOn: '2026-12-02',
    }),
    cancelled: log.append(`order-${more.order}`, 'OrderCancelled', { orderId: more.order, reason: 'changed mind' }),
    issued2: log.append(`invoice-${more.invoice2}`, 'InvoiceIssued', {
      invoiceId: more.invoice2,
      number: 'INV-2026-000002',
      orderId: more.order,
      clientId: ids.client,
      currency: 'USD',
      issuedOn: '2026-12-04',
      dueOn: '2027-01-03',
      ...totals,
    }),
    voided: log.append(`invoice-${more.invoice2}`, 'InvoiceVoided', {
      invoiceId: more.invoice2,
      clientId: ids.client,
      currency: 'USD',
      ...totals,
      reason: 'error',
      voidedOn: '2026-12-05',
    }),
    reversed: log.append(`journalEntry-${entry}`, 'JournalEntryReversed', {
      entryId: entry,
      reversalEntryId: randomUUID(),
      date: '2026-12-05',
      memo: 'Reversal',
      reason: 'voided',
      currency: 'USD',
      lines: [
        { accountCode: '1100', debit: 0, credit: 120000 },
        { accountCode: '4000', debit: 100000, credit: 0 },
        { accountCode: '2200', debit: 20000, credit: 0 },
      ],
      source: null,
    }),
    accountOpened: log.append(`chartOfAccounts-${chart}`, 'AccountOpened', {
      chartId: chart,
      accountId: randomUUID(),
      code: '5000',
      name: 'Rent',
      accountType: 'EXPENSE',
    }),
    locked: log.append(`chartOfAccounts-${chart}`, 'PeriodLocked', { chartId: chart, through: '2026-11-30', previous: null }),
    deactivated: log.append(`product-${ids.product}`, 'ProductDeactivated', { productId: ids.product }),
  };
  return { log, ids, more, e };
};

describe('the integration catalogue (public contract of every context)', () => {
  it('names every type <context>.<entity>.<fact>.v<n>, once, on its context topic annals.<context>', () => {
    const types = integrationCatalogue.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const d of integrationCatalogue) {
      expect(d.type).toMatch(/^[a-z]+\.[a-z_]+\.[a-z_]+\.v\d+$/);
      expect(d.type.split('.')[0]).toBe(d.context);
      expect(d.topic).toBe(`annals.${d.context}`);
      expect(topicOf(d.type)).toBe(d.topic);
      expect(d.description.length).toBeGreaterThan(10);
    }
    expect(integrationTopics).toEqual(['annals.crm', 'annals.orders', 'annals.billing', 'annals.catalogue', 'annals.ledger']);
  });

  it.each(integrationCatalogue.map((d) => [d.type, d]))('%s: closed schema, every field required, and its example is valid', (_type, d) => {
    for (const [path, schema] of objectSchemas(d.schema)) {
      expect([path, schema.additionalProperties]).toEqual([path, false]);
      expect([path, [...((schema.required as string[]) ?? [])].sort()]).toEqual([path, Object.keys(schema.properties as object).sort()]);
    }
    expect(ajv.validate(d.schema, d.example)).toBe(true);
    const envelope = {
      specversion: '1.0',
      id: randomUUID(),
      source: `/annals/${d.context}`,
      type: d.type,
      subject: randomUUID(),
      time: '2026-12-01T10:00:00.000Z',
      datacontenttype: 'application/json',
      tenantid: 'acme',
      data: d.example,
    };
    expect(valid(d.type, envelope)).toBe(true);
    // Closed: one more field, in the envelope or in data, is refused.
    expect(validators.get(d.type)!({ ...envelope, actorid: 'user-1' })).toBe(false);
    expect(validators.get(d.type)!({ ...envelope, data: { ...d.example, internal: 1 } })).toBe(false);
  });

  const { log, ids, more, e } = quoteToCash('tenant-contract');
  const history = historyOf(log.events);
  const mapped = log.events.map((recorded) => [recorded, toIntegrationEvent(recorded, history)] as const);
  const published = mapped.filter((pair): pair is readonly [RecordedEvent, CloudEvent] => pair[1] !== null);
  const of = (recorded: RecordedEvent) => toIntegrationEvent(recorded, history)!;

  it('maps real stored events of every context to valid, closed CloudEvents: one of every catalogue type', () => {
    for (const [recorded, event] of published) {
      expect(valid(event.type, event)).toBe(true);
      expect(event.id).toBe(recorded.id);
      expect(event.tenantid).toBe('tenant-contract');
      expect(event.time).toBe(recorded.recordedAt.toISOString());
      expect(recorded.streamName.endsWith(event.subject)).toBe(true);
    }
    expect(new Set(published.map(([, event]) => event.type))).toEqual(new Set(integrationCatalogue.map((d) => d.type)));
    // What only shapes later payloads, or is internal, publishes nothing.
    for (const quiet of [e.drafted, e.revised, e.invoiced, e.renamed, e.accountOpened]) expect(of(quiet)).toBeNull();
    // Every event that publishes passes the store filter.
    for (const [recorded] of published) expect(integrationEventFilter.eventTypePrefixes!.some((prefix) => recorded.type.startsWith(prefix))).toBe(true);
  });

  it('carries what a receiver needs without calling back, folded from the log as it stood', () => {
    expect(of(e.quoteSent).data).toEqual({
      quoteId: ids.quote,
      clientId: ids.client,
      revision: 2,
      currency: 'USD',
      net: '1000.00',
      tax: '200.00',
      total: '1200.00',
      validUntil: '2026-12-31',
      sentOn: '2026-12-01',
    });
    expect(of(e.shipped).data).toMatchObject({ orderId: ids.order, clientId: ids.client, total: '1200.00', carrier: 'UPS', trackingNumber: '1Z' });
    expect(of(e.closed).data).toMatchObject({ orderId: ids.order, invoiceId: more.invoice });
    expect(of(e.issued).data).toEqual({
      invoiceId: more.invoice,
      number: 'INV-2026-000001',
      orderId: ids.order,
      clientId: ids.client,
      // Renamed before the invoice: the name as the log knew it then.
      clientName: 'Ada Lovelace',
      currency: 'USD',
      net: '1000.00',
      tax: '200.00',
      total: '1200.00',
      amountDue: '1200.00',
      issuedOn: '2026-12-04',
      dueOn: '2027-01-03',
    });
    expect(of(e.credited).data).toMatchObject({ amount: '120.00', amountDue: '1080.00', creditedOn: '2026-12-05' });
    expect(of(e.overdue).data).toMatchObject({ number: 'INV-2026-000001', amountDue: '1080.00', overdueOn: '2027-01-04' });
    expect(of(e.payment).data).toMatchObject({ amount: '1080.00', amountDue: '0.00', method: 'bank transfer' });
    expect(of(e.paid).data).toMatchObject({ amountDue: '0.00', paidOn: '2027-01-05' });
    expect(of(e.voided).data).toMatchObject({ number: 'INV-2026-000002', amountDue: '0.00', total: '1200.00' });
    expect(of(e.priceChanged).data).toEqual({
      productId: ids.product,
      sku: 'CONSULT',
      name: 'Consulting day',
      currency: 'USD',
      unitPrice: '550.00',
      previousUnitPrice: '500.00',
    });
    expect(of(e.posted).data).toMatchObject({ total: '1200.00', source: { type: 'billing.invoice.issued.v1', id: more.invoice } });
    expect(of(e.leadAssigned).data).toEqual({ leadId: ids.lead, ownerId: 'owner-2', assignedBy: 'manager-1' });
    expect(of(e.completed).data).toEqual({
      activityId: ids.activity,
      subjectType: 'CLIENT',
      subjectId: ids.client,
      subject: 'Call back',
      completedAt: '2026-12-09T10:00:00.000Z',
    });
    // Nothing internal: no notes, no phone, no correlation ids anywhere.
    const text = JSON.stringify(published.map(([, event]) => event));
    for (const internal of ['secret', '+44 1', 'correlation', 'causation', 'InvoiceIssued']) expect(text).not.toContain(internal);
  });

  it('gives the same payload when mapped again (replay), and asks for history it does not hold instead of guessing', () => {
    expect(log.events.map((r) => toIntegrationEvent(r, historyOf(log.events)))).toEqual(mapped.map(([, event]) => event));
    expect(() => toIntegrationEvent(e.invoiceSent, noHistory)).toThrow(MissingHistory);
    // Events whose payload is their own need none.
    expect(toIntegrationEvent(e.captured, noHistory)?.type).toBe('crm.lead.captured.v1');
  });

  it('publishes nothing for stored types outside the contract', () => {
    const stray = new MemoryLog('t').append('thing-1', 'ThingHappened', { x: 1 });
    expect(toIntegrationEvent(stray)).toBeNull();
  });
});
