import { randomUUID } from 'node:crypto';
import type { EventMetadata, RecordedEvent } from '../../src/shared/event-store/event-store.port';

/**
 * A log in memory, for contract tests: events appended to named streams get revisions and global
 * positions as the store would give them.
 */
export class MemoryLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, bigint>();
  private time = Date.parse('2026-12-01T09:00:00.000Z');

  constructor(readonly tenantId: string) {}

  append(streamName: string, type: string, data: object, metadata: Partial<EventMetadata> = {}): RecordedEvent {
    const revision = this.revisions.has(streamName) ? this.revisions.get(streamName)! + 1n : 0n;
    this.revisions.set(streamName, revision);
    this.time += 60_000;
    const event: RecordedEvent = {
      id: randomUUID(),
      streamName,
      type,
      revision,
      position: BigInt(this.events.length + 1),
      data,
      metadata: { tenantId: this.tenantId, actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID(), ...metadata },
      recordedAt: new Date(this.time),
    };
    this.events.push(event);
    return event;
  }
}

/** A quote-to-cash life in one tenant's log: every stored type that publishes, each in a realistic place. */
export const quoteToCash = (tenantId: string) => {
  const log = new MemoryLog(tenantId);
  const ids = { lead: randomUUID(), client: randomUUID(), activity: randomUUID(), product: randomUUID(), quote: randomUUID(), order: randomUUID() };
  const more = { lead: randomUUID(), quote: randomUUID(), quote3: randomUUID(), order: randomUUID(), invoice: randomUUID(), invoice2: randomUUID() };
  const entry = randomUUID();
  const chart = randomUUID();
  const endpoint = randomUUID();
  const hook = (type: string, data: object) => log.append(`webhookendpoint-${endpoint}`, type, { endpointId: endpoint, ...data });
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
    endpointCreated: hook('WebhookEndpointCreated', {
      secretId: randomUUID(),
      url: 'https://partner.example/hooks',
      description: '',
      eventTypes: [],
      orderedBySubject: false,
      rateLimitPerSecond: null,
      backfillFrom: null,
    }),
    endpointFailing: hook('WebhookEndpointFailing', { since: '2026-12-05T10:00:00.000Z', statusCode: 503, error: null }),
    endpointRecovered: hook('WebhookEndpointRecovered', { at: '2026-12-05T11:00:00.000Z', failingSince: '2026-12-05T10:00:00.000Z' }),
    endpointDisabled: hook('WebhookEndpointDisabled', { reason: 'The endpoint answered 410 Gone', automatic: true, at: '2026-12-05T12:00:00.000Z' }),
  };
  return { log, ids, more, e };
};
