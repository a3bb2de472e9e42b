import { EventOf, composeRegistries, defineEvents } from '../../shared/domain/event-registry';
import { InvoiceEvent, InvoiceNumberAssigned } from './invoice.events';
import { OrderEvent } from './order.events';
import { ProductEvent, SkuReserved } from './product.events';
import { QuoteEvent } from './quote.events';

/**
 * Every event the orders context stores, registered once: stored name, version and upcasters (the
 * rules are in src/shared/domain/event-registry.ts). Each stream kind's part decodes that stream for
 * its fold; `ordersEvents` joins them for the composition root (src/events.ts), and public/ hands
 * other contexts the part they may read.
 */

export const productEvents = defineEvents<ProductEvent>('orders.product', {
  ProductCreated: 1,
  ProductPriceChanged: 1,
  ProductDeactivated: 1,
});

export const skuReservationEvents = defineEvents<SkuReserved>('orders.sku-reservation', { SkuReserved: 1 });

export const quoteEvents = defineEvents<QuoteEvent>('orders.quote', {
  QuoteDrafted: 1,
  QuoteRevised: 1,
  QuoteSent: 1,
  QuoteAccepted: 1,
  QuoteRejected: 1,
  QuoteExpired: 1,
});

export const orderEvents = defineEvents<OrderEvent>('orders.order', {
  OrderPlaced: 1,
  PaymentAuthorized: 1,
  PaymentFailed: 1,
  OrderShipped: 1,
  OrderDelivered: 1,
  OrderCancelled: 1,
  OrderInvoiced: 1,
  OrderClosed: 1,
});

export const invoiceEvents = defineEvents<InvoiceEvent>('orders.invoice', {
  InvoiceIssued: 1,
  InvoiceSent: 1,
  PaymentRecorded: 1,
  CreditNoteIssued: 1,
  InvoiceFullyPaid: 1,
  InvoiceVoided: 1,
  InvoiceFellOverdue: 1,
});

export const invoiceCounterEvents = defineEvents<InvoiceNumberAssigned>('orders.invoice-counter', { InvoiceNumberAssigned: 1 });

export const ordersEvents = composeRegistries('orders', productEvents, skuReservationEvents, quoteEvents, orderEvents, invoiceEvents, invoiceCounterEvents);

export type OrdersEvent = EventOf<typeof ordersEvents>;
