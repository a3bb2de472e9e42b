/**
 * Order events as stored (see crm/domain/lead.events.ts on naming). Money fields are integer
 * minor units of `currency`; `quantity` and `taxRate` are normalised decimal strings.
 */
import type { OrderLine, OrderPlaced } from '../public/order-placed.events';

/** OrderPlaced is published to other contexts (CRM counts orders): declared in ../public/order-placed.events.ts. */
export type { OrderLine, OrderPlaced };

export type PaymentAuthorized = { type: 'PaymentAuthorized'; data: { orderId: string; reference: string } };
export type PaymentFailed = { type: 'PaymentFailed'; data: { orderId: string; reason: string } };
export type OrderShipped = { type: 'OrderShipped'; data: { orderId: string; carrier: string; trackingNumber: string; shippedOn: string } };
/** What the invoicing process manager needs to issue the invoice, without reading the order. */
export type OrderDelivered = {
  type: 'OrderDelivered';
  data: { orderId: string; quoteId: string; clientId: string; currency: string; net: number; tax: number; total: number; deliveredOn: string };
};
export type OrderCancelled = { type: 'OrderCancelled'; data: { orderId: string; reason: string } };
export type OrderInvoiced = { type: 'OrderInvoiced'; data: { orderId: string; invoiceId: string } };
export type OrderClosed = { type: 'OrderClosed'; data: { orderId: string } };

export type OrderEvent = OrderPlaced | PaymentAuthorized | PaymentFailed | OrderShipped | OrderDelivered | OrderCancelled | OrderInvoiced | OrderClosed;

export const orderStream = (orderId: string) => `order-${orderId}`;
