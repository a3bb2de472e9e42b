import { deciderSpec } from '../../shared/domain/decider-spec';
import { PlaceOrder, QuoteSnapshot, orderDecider } from './order';
import { OrderCancelled, OrderClosed, OrderDelivered, OrderInvoiced, OrderPlaced, OrderShipped, PaymentAuthorized, PaymentFailed } from './order.events';

const given = deciderSpec(orderDecider);
const orderId = '9c1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11';
const quoteId = '8b1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11';
const clientId = 'c0a2b3d4-1111-4a43-9f38-1d8f8e0c7c22';
const invoiceId = 'd0a2b3d4-1111-4a43-9f38-1d8f8e0c7c33';
const today = '2026-11-21';
const lines = [{ productId: null, description: 'Setup', quantity: '1', unitPrice: 10000, taxRate: '20', net: 10000, tax: 2000 }];
const quote: QuoteSnapshot = { quoteId, status: 'ACCEPTED', clientId, currency: 'USD', lines, net: 10000, tax: 2000, total: 12000 };
const place: PlaceOrder = { type: 'PlaceOrder', orderId, quote, today };

const placed: OrderPlaced = {
  type: 'OrderPlaced',
  data: { orderId, quoteId, clientId, currency: 'USD', lines, net: 10000, tax: 2000, total: 12000, placedOn: today },
};
const authorized: PaymentAuthorized = { type: 'PaymentAuthorized', data: { orderId, reference: 'AUTH-1' } };
const failed: PaymentFailed = { type: 'PaymentFailed', data: { orderId, reason: 'card declined' } };
const shipped: OrderShipped = { type: 'OrderShipped', data: { orderId, carrier: 'UPS', trackingNumber: '1Z999', shippedOn: today } };
const delivered: OrderDelivered = {
  type: 'OrderDelivered',
  data: { orderId, quoteId, clientId, currency: 'USD', net: 10000, tax: 2000, total: 12000, deliveredOn: '2026-11-23' },
};
const cancelled: OrderCancelled = { type: 'OrderCancelled', data: { orderId, reason: 'changed mind' } };
const invoiced: OrderInvoiced = { type: 'OrderInvoiced', data: { orderId, invoiceId } };
const closed: OrderClosed = { type: 'OrderClosed', data: { orderId } };

describe('Order', () => {
  describe('placeOrder', () => {
    it('places an order from an ACCEPTED quote, copying its lines and totals', () => given([]).when(place).then([placed]));
    it.each(['DRAFT', 'SENT', 'REJECTED', 'EXPIRED'])('refuses a %s quote', (status) =>
      given([])
        .when({ ...place, quote: { ...quote, status } })
        .thenThrows('QUOTE_NOT_ACCEPTED'),
    );
    it('places once per quote', () => given([placed]).when(place).thenThrows('ORDER_ALREADY_PLACED'));
  });

  describe('payment', () => {
    const authorize = { type: 'AuthorizePayment' as const, orderId, reference: ' AUTH-1 ' };
    it('authorizes the payment of a PLACED order', () => given([placed]).when(authorize).then([authorized]));
    it('records a failed payment', () => given([placed]).when({ type: 'FailPayment', orderId, reason: 'card declined' }).then([failed]));
    it('lets authorization be retried after a failure', () => given([placed, failed]).when(authorize).then([authorized]));
    it('requires a reference', () =>
      given([placed])
        .when({ ...authorize, reference: ' ' })
        .thenThrows('REFERENCE_REQUIRED'));
    it('requires a reason for a failure', () => given([placed]).when({ type: 'FailPayment', orderId, reason: '' }).thenThrows('REASON_REQUIRED'));
    it('refuses to authorize twice', () => given([placed, authorized]).when(authorize).thenThrows('PAYMENT_NOT_PENDING'));
    it('refuses a failure after authorization', () =>
      given([placed, authorized]).when({ type: 'FailPayment', orderId, reason: 'x' }).thenThrows('PAYMENT_NOT_PENDING'));
    it('refuses to authorize a cancelled order', () => given([placed, cancelled]).when(authorize).thenThrows('PAYMENT_NOT_PENDING'));
    it('refuses an order that does not exist', () => given([]).when(authorize).thenThrows('NOT_FOUND'));
  });

  describe('shipOrder', () => {
    const ship = { type: 'ShipOrder' as const, orderId, carrier: 'UPS', trackingNumber: '1Z999', today };
    it('ships once payment is authorized', () => given([placed, authorized]).when(ship).then([shipped]));
    it('refuses before payment is authorized', () => given([placed]).when(ship).thenThrows('PAYMENT_NOT_AUTHORIZED'));
    it('refuses after a failed payment', () => given([placed, failed]).when(ship).thenThrows('PAYMENT_NOT_AUTHORIZED'));
    it('refuses to ship twice', () => given([placed, authorized, shipped]).when(ship).thenThrows('PAYMENT_NOT_AUTHORIZED'));
    it('requires a carrier', () =>
      given([placed, authorized])
        .when({ ...ship, carrier: ' ' })
        .thenThrows('CARRIER_REQUIRED'));
    it('requires a tracking number', () =>
      given([placed, authorized])
        .when({ ...ship, trackingNumber: '' })
        .thenThrows('TRACKING_NUMBER_REQUIRED'));
  });

  describe('confirmDelivery', () => {
    const confirm = { type: 'ConfirmDelivery' as const, orderId, today: '2026-11-23' };
    it('confirms delivery of a SHIPPED order, with what invoicing needs', () => given([placed, authorized, shipped]).when(confirm).then([delivered]));
    it('refuses an order not shipped', () => given([placed, authorized]).when(confirm).thenThrows('ORDER_NOT_SHIPPED'));
    it('refuses to confirm twice', () => given([placed, authorized, shipped, delivered]).when(confirm).thenThrows('ORDER_NOT_SHIPPED'));
  });

  describe('cancelOrder', () => {
    const cancel = { type: 'CancelOrder' as const, orderId, reason: 'changed mind' };
    it.each([
      ['PLACED', [placed]],
      ['PAYMENT_AUTHORIZED', [placed, authorized]],
      ['PAYMENT_FAILED', [placed, failed]],
    ])('cancels a %s order', (_status, history) => given(history).when(cancel).then([cancelled]));
    it('requires a reason', () =>
      given([placed])
        .when({ ...cancel, reason: ' ' })
        .thenThrows('REASON_REQUIRED'));
    it.each([
      ['SHIPPED', [placed, authorized, shipped]],
      ['DELIVERED', [placed, authorized, shipped, delivered]],
      ['CANCELLED', [placed, cancelled]],
    ])('refuses a %s order', (_status, history) => given(history).when(cancel).thenThrows('ORDER_NOT_CANCELLABLE'));
  });

  describe('after delivery (invoicing)', () => {
    const markInvoiced = { type: 'MarkOrderInvoiced' as const, orderId, invoiceId };
    const close = { type: 'CloseOrder' as const, orderId };
    const deliveredHistory = [placed, authorized, shipped, delivered];
    it('marks a DELIVERED order invoiced', () => given(deliveredHistory).when(markInvoiced).then([invoiced]));
    it('marks it invoiced once: a repeat records nothing', () =>
      given([...deliveredHistory, invoiced])
        .when(markInvoiced)
        .then([]));
    it('refuses to invoice an order not delivered', () => given([placed, authorized, shipped]).when(markInvoiced).thenThrows('ORDER_NOT_DELIVERED'));
    it('closes an INVOICED order', () =>
      given([...deliveredHistory, invoiced])
        .when(close)
        .then([closed]));
    it('closes once: a repeat records nothing', () =>
      given([...deliveredHistory, invoiced, closed])
        .when(close)
        .then([]));
    it('ignores a late invoice mark on a CLOSED order', () =>
      given([...deliveredHistory, invoiced, closed])
        .when(markInvoiced)
        .then([]));
    it('refuses to close an order not delivered', () => given([placed]).when(close).thenThrows('ORDER_NOT_DELIVERED'));
  });
});
