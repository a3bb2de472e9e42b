/**
 * The integration events of quotes and orders (context `orders`, topic `annals.orders`): a public
 * contract like CRM's (see src/crm/public/crm-integration-events.ts and docs/integration-events.md).
 * Each event carries what a receiver needs without calling back: the client, the amounts as
 * decimal strings in the currency, the dates; the amounts of a quote or order come from its
 * history in the log, so mapping an event again gives the same payload.
 */
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
  nullableDate,
  recordBefore,
  StreamHistory,
  uuid,
} from '../../shared/integration/integration-event';
import { orderDecider } from '../domain/order';
import type { OrderEvent, OrderLine } from '../domain/order.events';
import { orderEvents, quoteEvents } from '../domain/orders.events';
import { quoteDecider } from '../domain/quote';
import type { QuoteEvent } from '../domain/quote.events';

export const ORDERS_TOPIC = 'annals.orders';
export const ORDERS_SOURCE = '/annals/orders';

/** Stored type -> public type; the stored types mapped to null only shape later payloads. */
export const ordersIntegrationEventTypes = {
  QuoteDrafted: null,
  QuoteRevised: null,
  QuoteSent: 'orders.quote.sent.v1',
  QuoteAccepted: 'orders.quote.accepted.v1',
  QuoteRejected: 'orders.quote.rejected.v1',
  QuoteExpired: 'orders.quote.expired.v1',
  OrderPlaced: 'orders.order.placed.v1',
  PaymentAuthorized: 'orders.order.payment_authorized.v1',
  PaymentFailed: 'orders.order.payment_failed.v1',
  OrderShipped: 'orders.order.shipped.v1',
  OrderDelivered: 'orders.order.delivered.v1',
  OrderCancelled: 'orders.order.cancelled.v1',
  OrderInvoiced: null,
  OrderClosed: 'orders.order.closed.v1',
} as const satisfies Record<QuoteEvent['type'] | OrderEvent['type'], string | null>;

export type OrdersIntegrationEventType = Exclude<(typeof ordersIntegrationEventTypes)[keyof typeof ordersIntegrationEventTypes], null>;

const money = (minor: number, currency: string) => formatMinor(minor, currency);

const quoteSummary = (quote: {
  id: string;
  clientId: string;
  revision: number;
  currency: string;
  net: number;
  tax: number;
  total: number;
  validUntil: string | null;
}) => ({
  quoteId: quote.id,
  clientId: quote.clientId,
  revision: quote.revision,
  currency: quote.currency,
  net: money(quote.net, quote.currency),
  tax: money(quote.tax, quote.currency),
  total: money(quote.total, quote.currency),
  validUntil: quote.validUntil,
});

const orderSummary = (order: { id: string; quoteId: string; clientId: string; currency: string; net: number; tax: number; total: number }) => ({
  orderId: order.id,
  quoteId: order.quoteId,
  clientId: order.clientId,
  currency: order.currency,
  net: money(order.net, order.currency),
  tax: money(order.tax, order.currency),
  total: money(order.total, order.currency),
});

const publicLine = (line: OrderLine, currency: string) => ({
  productId: line.productId,
  description: line.description,
  quantity: line.quantity,
  unitPrice: money(line.unitPrice, currency),
  taxRate: line.taxRate,
  net: money(line.net, currency),
  tax: money(line.tax, currency),
});

const quoteData = (event: RecordedEvent & QuoteEvent, history: StreamHistory): Record<string, unknown> | null => {
  if (event.type === 'QuoteDrafted' || event.type === 'QuoteRevised') return null;
  const summary = quoteSummary(recordBefore(quoteDecider, history, event));
  switch (event.type) {
    case 'QuoteSent':
      return { ...summary, sentOn: event.data.sentOn };
    case 'QuoteAccepted':
      return { ...summary, acceptedOn: event.data.acceptedOn };
    case 'QuoteRejected':
      return { ...summary, reason: event.data.reason };
    case 'QuoteExpired':
      return { ...summary, validUntil: event.data.validUntil };
  }
};

const orderData = (event: RecordedEvent & OrderEvent, history: StreamHistory): Record<string, unknown> | null => {
  if (event.type === 'OrderPlaced') {
    const { orderId, lines, placedOn, ...placed } = event.data;
    return { ...orderSummary({ id: orderId, ...placed }), placedOn, lines: lines.map((line) => publicLine(line, placed.currency)) };
  }
  if (event.type === 'OrderInvoiced') return null;
  const order = recordBefore(orderDecider, history, event);
  const summary = orderSummary(order);
  switch (event.type) {
    case 'PaymentAuthorized':
      return { ...summary, reference: event.data.reference };
    case 'PaymentFailed':
      return { ...summary, reason: event.data.reason };
    case 'OrderShipped':
      return { ...summary, carrier: event.data.carrier, trackingNumber: event.data.trackingNumber, shippedOn: event.data.shippedOn };
    case 'OrderDelivered':
      return { ...summary, deliveredOn: event.data.deliveredOn };
    case 'OrderCancelled':
      return { ...summary, reason: event.data.reason };
    case 'OrderClosed':
      return { ...summary, invoiceId: order.invoiceId };
  }
};

/** The integration event a stored quote or order event publishes, or null. */
export const toOrdersIntegrationEvent = (stored: RecordedEvent, history: StreamHistory = noHistory): CloudEvent | null => {
  if (quoteEvents.has(stored.type)) {
    const event = quoteEvents.decode(stored);
    const data = quoteData(event, history);
    return data && cloudEvent(ORDERS_SOURCE, event, ordersIntegrationEventTypes[event.type]!, event.data.quoteId, data);
  }
  if (orderEvents.has(stored.type)) {
    const event = orderEvents.decode(stored);
    const data = orderData(event, history);
    return data && cloudEvent(ORDERS_SOURCE, event, ordersIntegrationEventTypes[event.type]!, event.data.orderId, data);
  }
  return null;
};

// ---------------------------------------------------------------------------------------------
// The catalogue entries.

const quoteFields = {
  quoteId: uuid,
  clientId: uuid,
  revision: { type: 'integer', minimum: 1, description: 'The revision the fact is about (a revised quote is sent again).' },
  currency: currencyCode,
  net: decimal,
  tax: decimal,
  total: decimal,
  validUntil: { ...nullableDate, description: 'The last day the quote can be accepted, or null for no limit.' },
} satisfies Record<string, JsonSchema>;
const orderFields = { orderId: uuid, quoteId: uuid, clientId: uuid, currency: currencyCode, net: decimal, tax: decimal, total: decimal } satisfies Record<
  string,
  JsonSchema
>;
const lineSchema = closed({
  productId: { type: ['string', 'null'], format: 'uuid', description: 'The catalogue product, or null for a free-text line.' },
  description: nonEmpty,
  quantity: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' },
  unitPrice: decimal,
  taxRate: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$', description: 'Percent, e.g. "20".' },
  net: decimal,
  tax: decimal,
});

const quote = {
  quoteId: '6e5d4c3b-2a19-4f8e-8d7c-6b5a4f3e2d1c',
  clientId: '5f1d4c2a-7b3e-4e8f-9a6b-2c1d0e9f8a7b',
  revision: 1,
  currency: 'USD',
  net: '1000.00',
  tax: '200.00',
  total: '1200.00',
  validUntil: '2026-12-31',
};
const order = {
  orderId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  quoteId: quote.quoteId,
  clientId: quote.clientId,
  currency: 'USD',
  net: '1000.00',
  tax: '200.00',
  total: '1200.00',
};

const definition = (
  type: OrdersIntegrationEventType,
  description: string,
  schema: JsonSchema,
  example: Record<string, unknown>,
): IntegrationEventDefinition => ({
  type,
  context: 'orders',
  topic: ORDERS_TOPIC,
  description,
  schema,
  example,
});

export const ordersIntegrationEventDefinitions: readonly IntegrationEventDefinition[] = [
  definition('orders.quote.sent.v1', 'A quote was sent to the client.', closed({ ...quoteFields, sentOn: businessDate }), { ...quote, sentOn: '2026-12-01' }),
  definition(
    'orders.quote.accepted.v1',
    'The client accepted a sent quote; an order can be placed from it.',
    closed({ ...quoteFields, acceptedOn: businessDate }),
    {
      ...quote,
      acceptedOn: '2026-12-03',
    },
  ),
  definition('orders.quote.rejected.v1', 'The client rejected the quote, with the reason given.', closed({ ...quoteFields, reason: nonEmpty }), {
    ...quote,
    reason: 'Too expensive',
  }),
  definition(
    'orders.quote.expired.v1',
    'An open quote passed its validUntil date without being accepted.',
    closed({ ...quoteFields, validUntil: businessDate }),
    quote,
  ),
  definition(
    'orders.order.placed.v1',
    'An order was placed from an accepted quote, with its lines.',
    closed({ ...orderFields, placedOn: businessDate, lines: { type: 'array', items: lineSchema } }),
    {
      ...order,
      placedOn: '2026-12-03',
      lines: [
        {
          productId: '7c6b5a49-3827-4165-9e8d-7c6b5a493827',
          description: 'Consulting day',
          quantity: '2',
          unitPrice: '500.00',
          taxRate: '20',
          net: '1000.00',
          tax: '200.00',
        },
      ],
    },
  ),
  definition('orders.order.payment_authorized.v1', "The order's payment was authorized.", closed({ ...orderFields, reference: nonEmpty }), {
    ...order,
    reference: 'AUTH-42',
  }),
  definition('orders.order.payment_failed.v1', "The order's payment failed, with the reason given.", closed({ ...orderFields, reason: nonEmpty }), {
    ...order,
    reason: 'Card declined',
  }),
  definition(
    'orders.order.shipped.v1',
    'The order was shipped.',
    closed({ ...orderFields, carrier: nonEmpty, trackingNumber: nonEmpty, shippedOn: businessDate }),
    { ...order, carrier: 'UPS', trackingNumber: '1Z999AA10123456784', shippedOn: '2026-12-04' },
  ),
  definition(
    'orders.order.delivered.v1',
    'The order was delivered; billing.invoice.issued.v1 follows for its invoice.',
    closed({ ...orderFields, deliveredOn: businessDate }),
    { ...order, deliveredOn: '2026-12-06' },
  ),
  definition('orders.order.cancelled.v1', 'The order was cancelled, with the reason given.', closed({ ...orderFields, reason: nonEmpty }), {
    ...order,
    reason: 'Client changed their mind',
  }),
  definition(
    'orders.order.closed.v1',
    "The order's invoice was paid in full: nothing is left to do on it.",
    closed({ ...orderFields, invoiceId: { type: ['string', 'null'], format: 'uuid' } }),
    { ...order, invoiceId: '8d7c6b5a-4938-4271-8f6e-5d4c3b2a1908' },
  ),
];

/** The orders context's part of the integration catalogue (src/integration/integration-catalogue.ts). */
export const ordersIntegrationEvents: IntegrationEventModule = {
  context: 'orders',
  source: ORDERS_SOURCE,
  topic: ORDERS_TOPIC,
  definitions: ordersIntegrationEventDefinitions,
  storedTypes: Object.keys(ordersIntegrationEventTypes),
  toIntegrationEvent: toOrdersIntegrationEvent,
};
