import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { orderEvents } from '../../src/orders/domain/orders.events';
import { OrderEvent, OrderLine } from '../../src/orders/domain/order.events';

export interface OrderRow {
  id: string;
  tenant_id: string;
  quote_id: string;
  client_id: string;
  status: string;
  currency: string;
  lines: OrderLine[];
  net: number | string;
  tax: number | string;
  total: number | string;
  placed_on: string;
  payment_reference: string | null;
  payment_failure_reason: string | null;
  carrier: string | null;
  tracking_number: string | null;
  shipped_on: string | null;
  delivered_on: string | null;
  cancel_reason: string | null;
  invoice_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

export const applyOrderEvent = (row: OrderRow | null, event: Recorded<OrderEvent>): OrderRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  if (event.type === 'OrderPlaced') {
    const { orderId, quoteId, clientId, currency, lines, net, tax, total, placedOn } = event.data;
    return {
      id: orderId,
      tenant_id: event.metadata.tenantId,
      quote_id: quoteId,
      client_id: clientId,
      status: 'PLACED',
      currency,
      lines,
      net,
      tax,
      total,
      placed_on: placedOn,
      payment_reference: null,
      payment_failure_reason: null,
      carrier: null,
      tracking_number: null,
      shipped_on: null,
      delivered_on: null,
      cancel_reason: null,
      invoice_id: null,
      created_at: event.recordedAt,
      ...touched,
    };
  }
  if (!row) return null;
  switch (event.type) {
    case 'PaymentAuthorized':
      return { ...row, status: 'PAYMENT_AUTHORIZED', payment_reference: event.data.reference, ...touched };
    case 'PaymentFailed':
      return { ...row, status: 'PAYMENT_FAILED', payment_failure_reason: event.data.reason, ...touched };
    case 'OrderShipped':
      return {
        ...row,
        status: 'SHIPPED',
        carrier: event.data.carrier,
        tracking_number: event.data.trackingNumber,
        shipped_on: event.data.shippedOn,
        ...touched,
      };
    case 'OrderDelivered':
      return { ...row, status: 'DELIVERED', delivered_on: event.data.deliveredOn, ...touched };
    case 'OrderCancelled':
      return { ...row, status: 'CANCELLED', cancel_reason: event.data.reason, ...touched };
    case 'OrderInvoiced':
      return { ...row, status: 'INVOICED', invoice_id: event.data.invoiceId, ...touched };
    case 'OrderClosed':
      return { ...row, status: 'CLOSED', ...touched };
  }
};

export const ordersProjection = rowProjection({
  name: 'orders.orders',
  table: 'orders_orders',
  handles: orderEvents.types,
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    quote_id: 'uuid',
    client_id: 'uuid',
    status: 'text',
    currency: 'text',
    lines: 'jsonb',
    net: 'bigint',
    tax: 'bigint',
    total: 'bigint',
    placed_on: 'text',
    payment_reference: 'text',
    payment_failure_reason: 'text',
    carrier: 'text',
    tracking_number: 'text',
    shipped_on: 'text',
    delivered_on: 'text',
    cancel_reason: 'text',
    invoice_id: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  events: orderEvents,
  key: (event) => event.data.orderId,
  apply: applyOrderEvent,
});
