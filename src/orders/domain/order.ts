import { assertNever, recordDecider } from '../../shared/domain/decider';
import { existing } from '../../shared/domain/guards';
import { OrderEvent, OrderPlaced } from './order.events';
import { OrdersError, OrdersErrorCode } from './orders.error';
import { orderEvents } from './orders.events';

export type OrderStatus = 'PLACED' | 'PAYMENT_AUTHORIZED' | 'PAYMENT_FAILED' | 'SHIPPED' | 'DELIVERED' | 'INVOICED' | 'CLOSED' | 'CANCELLED';

/**
 * What placing an order needs to know of its quote (read from the quote's stream by the handler):
 * its status, and what the order copies from it.
 */
export type QuoteSnapshot = { status: string } & Omit<OrderPlaced['data'], 'orderId' | 'placedOn'>;

export type PlaceOrder = { type: 'PlaceOrder'; orderId: string; quote: QuoteSnapshot; today: string };
export type AuthorizePayment = { type: 'AuthorizePayment'; orderId: string; reference: string };
export type FailPayment = { type: 'FailPayment'; orderId: string; reason: string };
export type ShipOrder = { type: 'ShipOrder'; orderId: string; carrier: string; trackingNumber: string; today: string };
export type ConfirmDelivery = { type: 'ConfirmDelivery'; orderId: string; today: string };
export type CancelOrder = { type: 'CancelOrder'; orderId: string; reason: string };
/** Sent by the invoicing process manager; a repeat is a no-op. */
export type MarkOrderInvoiced = { type: 'MarkOrderInvoiced'; orderId: string; invoiceId: string };
/** Sent when the order's invoice is paid in full; a repeat is a no-op. */
export type CloseOrder = { type: 'CloseOrder'; orderId: string };

export type OrderCommand = PlaceOrder | AuthorizePayment | FailPayment | ShipOrder | ConfirmDelivery | CancelOrder | MarkOrderInvoiced | CloseOrder;

export type Order =
  | { status: 'NONE' }
  | {
      status: OrderStatus;
      id: string;
      quoteId: string;
      clientId: string;
      currency: string;
      net: number;
      tax: number;
      total: number;
      invoiceId: string | null;
    };

export const decide = (command: OrderCommand, state: Order): OrderEvent[] => {
  switch (command.type) {
    case 'PlaceOrder': {
      const { quote } = command;
      if (state.status !== 'NONE')
        throw new OrdersError(OrdersErrorCode.OrderAlreadyPlaced, `An order was already placed for quote ${quote.quoteId} (order ${state.id})`, {
          orderId: state.id,
        });
      if (quote.status !== 'ACCEPTED')
        throw new OrdersError(OrdersErrorCode.QuoteNotAccepted, `Only an ACCEPTED quote can become an order; this quote is ${quote.status}`);
      const { quoteId, clientId, currency, lines, net, tax, total } = quote;
      return [{ type: 'OrderPlaced', data: { orderId: command.orderId, quoteId, clientId, currency, lines, net, tax, total, placedOn: command.today } }];
    }
    case 'AuthorizePayment': {
      const order = existing(state, 'order', command.orderId);
      if (order.status !== 'PLACED' && order.status !== 'PAYMENT_FAILED')
        throw new OrdersError(
          OrdersErrorCode.PaymentNotPending,
          `Payment can be authorized only for a PLACED order or after a failed payment; this order is ${order.status}`,
        );
      const reference = OrdersError.requiredText(command.reference, OrdersErrorCode.ReferenceRequired, 'Give the payment reference from the payment provider');
      return [{ type: 'PaymentAuthorized', data: { orderId: order.id, reference } }];
    }
    case 'FailPayment': {
      const order = existing(state, 'order', command.orderId);
      if (order.status !== 'PLACED' && order.status !== 'PAYMENT_FAILED')
        throw new OrdersError(
          OrdersErrorCode.PaymentNotPending,
          `A payment can fail only while the order awaits payment (PLACED or PAYMENT_FAILED); this order is ${order.status}`,
        );
      const reason = OrdersError.requiredText(command.reason, OrdersErrorCode.ReasonRequired, 'Say why the payment failed');
      return [{ type: 'PaymentFailed', data: { orderId: order.id, reason } }];
    }
    case 'ShipOrder': {
      const order = existing(state, 'order', command.orderId);
      if (order.status !== 'PAYMENT_AUTHORIZED')
        throw new OrdersError(
          OrdersErrorCode.PaymentNotAuthorized,
          `An order ships only once its payment is authorized (status PAYMENT_AUTHORIZED); this order is ${order.status}`,
        );
      const carrier = OrdersError.requiredText(command.carrier, OrdersErrorCode.CarrierRequired, 'Name the carrier that ships the order');
      const trackingNumber = OrdersError.requiredText(command.trackingNumber, OrdersErrorCode.TrackingNumberRequired, "Give the carrier's tracking number");
      return [{ type: 'OrderShipped', data: { orderId: order.id, carrier, trackingNumber, shippedOn: command.today } }];
    }
    case 'ConfirmDelivery': {
      const order = existing(state, 'order', command.orderId);
      OrdersError.requireStatus(order, ['SHIPPED'], OrdersErrorCode.OrderNotShipped, 'order', 'confirmed delivered');
      const { id: orderId, quoteId, clientId, currency, net, tax, total } = order;
      return [{ type: 'OrderDelivered', data: { orderId, quoteId, clientId, currency, net, tax, total, deliveredOn: command.today } }];
    }
    case 'CancelOrder': {
      const order = existing(state, 'order', command.orderId);
      if (!['PLACED', 'PAYMENT_AUTHORIZED', 'PAYMENT_FAILED'].includes(order.status))
        throw new OrdersError(OrdersErrorCode.OrderNotCancellable, `Only an order not yet shipped can be cancelled; this order is ${order.status}`);
      const reason = OrdersError.requiredText(command.reason, OrdersErrorCode.ReasonRequired, 'Say why the order is cancelled');
      return [{ type: 'OrderCancelled', data: { orderId: order.id, reason } }];
    }
    case 'MarkOrderInvoiced': {
      const order = existing(state, 'order', command.orderId);
      if (order.status === 'INVOICED' || order.status === 'CLOSED') return [];
      OrdersError.requireStatus(order, ['DELIVERED'], OrdersErrorCode.OrderNotDelivered, 'order', 'invoiced');
      return [{ type: 'OrderInvoiced', data: { orderId: order.id, invoiceId: command.invoiceId } }];
    }
    case 'CloseOrder': {
      const order = existing(state, 'order', command.orderId);
      if (order.status === 'CLOSED') return [];
      // DELIVERED too: the payment may be seen before OrderInvoiced when the two process managers race.
      if (order.status !== 'INVOICED' && order.status !== 'DELIVERED')
        throw new OrdersError(OrdersErrorCode.OrderNotDelivered, `Only a delivered and invoiced order can be closed; this order is ${order.status}`);
      return [{ type: 'OrderClosed', data: { orderId: order.id } }];
    }
    default:
      return assertNever(command);
  }
};

const withStatus = (state: Order, status: OrderStatus): Order => (state.status === 'NONE' ? state : { ...state, status });

export const evolve = (state: Order, event: OrderEvent): Order => {
  switch (event.type) {
    case 'OrderPlaced': {
      const { orderId, quoteId, clientId, currency, net, tax, total } = event.data;
      return { status: 'PLACED', id: orderId, quoteId, clientId, currency, net, tax, total, invoiceId: null };
    }
    case 'PaymentAuthorized':
      return withStatus(state, 'PAYMENT_AUTHORIZED');
    case 'PaymentFailed':
      return withStatus(state, 'PAYMENT_FAILED');
    case 'OrderShipped':
      return withStatus(state, 'SHIPPED');
    case 'OrderDelivered':
      return withStatus(state, 'DELIVERED');
    case 'OrderCancelled':
      return withStatus(state, 'CANCELLED');
    case 'OrderInvoiced':
      return state.status === 'NONE' ? state : { ...state, status: 'INVOICED', invoiceId: event.data.invoiceId };
    case 'OrderClosed':
      return withStatus(state, 'CLOSED');
    default:
      return assertNever(event);
  }
};

export const orderDecider = recordDecider<Order, OrderCommand, OrderEvent>({ events: orderEvents, decide, evolve });
