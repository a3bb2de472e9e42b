/**
 * The integration events of invoices (context `billing`, topic `annals.billing`): a public contract
 * like CRM's (see src/crm/public/crm-integration-events.ts and docs/integration-events.md). Every
 * invoice event carries the invoice as it stands after the fact (number, order, client and its
 * name, amounts as decimal strings, the balance due, the dates), folded from the log, so a
 * receiver needs no call back and mapping an event again gives the same payload.
 */
import { clientNameAt } from '../../crm/public/crm-integration-events';
import { formatMinor } from '../../shared/domain/money';
import type { RecordedEvent } from '../../shared/event-store/event-store.port';
import {
  businessDate,
  closed,
  CloudEvent,
  cloudEvent,
  currencyCode,
  decimal,
  IntegrationEventDefinition,
  IntegrationEventModule,
  JsonSchema,
  noHistory,
  nonEmpty,
  nullableString,
  StreamHistory,
  uuid,
} from '../../shared/integration/integration-event';
import { balanceDue, Invoice, invoiceDecider } from '../domain/invoice';
import type { InvoiceEvent } from '../domain/invoice.events';
import { invoiceEvents } from '../domain/orders.events';

export const BILLING_TOPIC = 'annals.billing';
export const BILLING_SOURCE = '/annals/billing';

export const billingIntegrationEventTypes = {
  InvoiceIssued: 'billing.invoice.issued.v1',
  InvoiceSent: 'billing.invoice.sent.v1',
  PaymentRecorded: 'billing.invoice.payment_recorded.v1',
  InvoiceFullyPaid: 'billing.invoice.paid.v1',
  CreditNoteIssued: 'billing.invoice.credit_note_issued.v1',
  InvoiceVoided: 'billing.invoice.voided.v1',
  InvoiceFellOverdue: 'billing.invoice.overdue.v1',
} as const satisfies Record<InvoiceEvent['type'], string>;

export type BillingIntegrationEventType = (typeof billingIntegrationEventTypes)[keyof typeof billingIntegrationEventTypes];

/** The invoice after `event`, folded from its stream. */
const invoiceAfter = (event: RecordedEvent & InvoiceEvent, history: StreamHistory) => {
  let state: Invoice = invoiceDecider.initialState();
  for (const earlier of history.before(event)) state = invoiceDecider.evolve(state, invoiceEvents.decode(earlier));
  state = invoiceDecider.evolve(state, event);
  if (state.status === 'NONE') throw new Error(`${event.type} ${event.id} in ${event.streamName}: the invoice was never issued`);
  return state;
};

const invoiceData = (event: RecordedEvent & InvoiceEvent, history: StreamHistory): Record<string, unknown> => {
  const invoice = invoiceAfter(event, history);
  const money = (minor: number) => formatMinor(minor, invoice.currency);
  const summary = {
    invoiceId: invoice.id,
    number: invoice.number,
    orderId: invoice.orderId,
    clientId: invoice.clientId,
    clientName: clientNameAt(history, invoice.clientId, event.position),
    currency: invoice.currency,
    net: money(invoice.net),
    tax: money(invoice.tax),
    total: money(invoice.total),
    amountDue: money(invoice.status === 'VOID' ? 0 : balanceDue(invoice)),
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
  };
  switch (event.type) {
    case 'InvoiceIssued':
      return summary;
    case 'InvoiceSent':
      return { ...summary, sentOn: event.data.sentOn };
    case 'PaymentRecorded': {
      const { paymentId, amount, method, reference, receivedOn } = event.data;
      return { ...summary, paymentId, amount: money(amount), method, reference, receivedOn };
    }
    case 'InvoiceFullyPaid':
      return { ...summary, paidOn: event.data.paidOn };
    case 'CreditNoteIssued': {
      const { creditNoteId, amount, reason, issuedOn } = event.data;
      return { ...summary, creditNoteId, amount: money(amount), reason, creditedOn: issuedOn };
    }
    case 'InvoiceVoided':
      return { ...summary, reason: event.data.reason, voidedOn: event.data.voidedOn };
    case 'InvoiceFellOverdue':
      return { ...summary, overdueOn: event.data.overdueOn };
  }
};

/** The integration event a stored invoice event publishes, or null. */
export const toBillingIntegrationEvent = (stored: RecordedEvent, history: StreamHistory = noHistory): CloudEvent | null => {
  if (!invoiceEvents.has(stored.type)) return null;
  const event = invoiceEvents.decode(stored);
  return cloudEvent(BILLING_SOURCE, event, billingIntegrationEventTypes[event.type], event.data.invoiceId, invoiceData(event, history));
};

// ---------------------------------------------------------------------------------------------
// The catalogue entries.

const invoiceFields = {
  invoiceId: uuid,
  number: { ...nonEmpty, description: 'The invoice number, gapless per tenant, e.g. "INV-2026-000042".' },
  orderId: uuid,
  clientId: uuid,
  clientName: { ...nullableString, description: "The client's name when the event was recorded." },
  currency: currencyCode,
  net: decimal,
  tax: decimal,
  total: decimal,
  amountDue: { ...decimal, description: 'What is left to pay after this event (0 once paid, credited in full or voided).' },
  issuedOn: businessDate,
  dueOn: businessDate,
} satisfies Record<string, JsonSchema>;

const invoice = {
  invoiceId: '8d7c6b5a-4938-4271-8f6e-5d4c3b2a1908',
  number: 'INV-2026-000042',
  orderId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  clientId: '5f1d4c2a-7b3e-4e8f-9a6b-2c1d0e9f8a7b',
  clientName: 'Ada Lovelace',
  currency: 'USD',
  net: '1000.00',
  tax: '200.00',
  total: '1200.00',
  amountDue: '1200.00',
  issuedOn: '2026-12-06',
  dueOn: '2027-01-05',
};

const definition = (
  type: BillingIntegrationEventType,
  description: string,
  schema: JsonSchema,
  example: Record<string, unknown>,
): IntegrationEventDefinition => ({
  type,
  context: 'billing',
  topic: BILLING_TOPIC,
  description,
  schema,
  example,
});

export const billingIntegrationEventDefinitions: readonly IntegrationEventDefinition[] = [
  definition(
    'billing.invoice.issued.v1',
    "An invoice was issued for a delivered order; it is due on dueOn (the tenant's payment terms).",
    closed(invoiceFields),
    invoice,
  ),
  definition('billing.invoice.sent.v1', 'The invoice was sent to the client (again, for a resend).', closed({ ...invoiceFields, sentOn: businessDate }), {
    ...invoice,
    sentOn: '2026-12-06',
  }),
  definition(
    'billing.invoice.payment_recorded.v1',
    'A payment against the invoice was recorded; amountDue is the balance after it.',
    closed({ ...invoiceFields, paymentId: uuid, amount: decimal, method: nonEmpty, reference: nonEmpty, receivedOn: businessDate }),
    {
      ...invoice,
      amountDue: '200.00',
      paymentId: '2b3c4d5e-6f70-4819-9a2b-3c4d5e6f7081',
      amount: '1000.00',
      method: 'bank transfer',
      reference: 'TRX-9921',
      receivedOn: '2026-12-20',
    },
  ),
  definition(
    'billing.invoice.paid.v1',
    'The balance reached zero through payments and credit notes: the invoice is paid; its order closes.',
    closed({ ...invoiceFields, paidOn: businessDate }),
    { ...invoice, amountDue: '0.00', paidOn: '2026-12-22' },
  ),
  definition(
    'billing.invoice.credit_note_issued.v1',
    'A credit note reduced the balance of the invoice.',
    closed({ ...invoiceFields, creditNoteId: uuid, amount: decimal, reason: nonEmpty, creditedOn: businessDate }),
    {
      ...invoice,
      amountDue: '1080.00',
      creditNoteId: '4d5e6f70-8192-4a3b-8c4d-5e6f70819203',
      amount: '120.00',
      reason: 'Late delivery discount',
      creditedOn: '2026-12-10',
    },
  ),
  definition(
    'billing.invoice.voided.v1',
    'The invoice was voided (only an invoice with no payment and no credit note can be); nothing is due on it.',
    closed({ ...invoiceFields, reason: nonEmpty, voidedOn: businessDate }),
    { ...invoice, amountDue: '0.00', reason: 'Issued in error', voidedOn: '2026-12-07' },
  ),
  definition(
    'billing.invoice.overdue.v1',
    'The business date passed the due date while a balance was still due; sent once per invoice.',
    closed({ ...invoiceFields, overdueOn: { ...businessDate, description: 'The business date on which annals found the balance still due after dueOn.' } }),
    { ...invoice, overdueOn: '2027-01-06' },
  ),
];

/** The billing context's part of the integration catalogue (src/integration/integration-catalogue.ts). */
export const billingIntegrationEvents: IntegrationEventModule = {
  context: 'billing',
  source: BILLING_SOURCE,
  topic: BILLING_TOPIC,
  definitions: billingIntegrationEventDefinitions,
  storedTypes: Object.keys(billingIntegrationEventTypes),
  toIntegrationEvent: toBillingIntegrationEvent,
};
