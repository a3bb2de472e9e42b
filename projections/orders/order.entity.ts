import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { OrderLine } from '../../src/orders/domain/order.events';

/** The orders read model (table orders_orders), written by orders.projection.ts. Money in minor units. */
@Entity({ tableName: 'orders_orders' })
@Index({ properties: ['tenantId', 'status'] })
export class OrderView {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'uuid', fieldName: 'quote_id' })
  quoteId!: string;

  @Property({ type: 'uuid', fieldName: 'client_id' })
  clientId!: string;

  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'json' })
  lines!: OrderLine[];

  @Property({ type: 'bigint' })
  net!: string;

  @Property({ type: 'bigint' })
  tax!: string;

  @Property({ type: 'bigint' })
  total!: string;

  @Property({ type: 'text', fieldName: 'placed_on' })
  placedOn!: string;

  @Property({ type: 'text', fieldName: 'payment_reference', nullable: true })
  paymentReference!: string | null;

  @Property({ type: 'text', fieldName: 'payment_failure_reason', nullable: true })
  paymentFailureReason!: string | null;

  @Property({ type: 'text', nullable: true })
  carrier!: string | null;

  @Property({ type: 'text', fieldName: 'tracking_number', nullable: true })
  trackingNumber!: string | null;

  @Property({ type: 'text', fieldName: 'shipped_on', nullable: true })
  shippedOn!: string | null;

  @Property({ type: 'text', fieldName: 'delivered_on', nullable: true })
  deliveredOn!: string | null;

  @Property({ type: 'text', fieldName: 'cancel_reason', nullable: true })
  cancelReason!: string | null;

  @Property({ type: 'uuid', fieldName: 'invoice_id', nullable: true })
  invoiceId!: string | null;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;

  @Property({ type: 'bigint' })
  revision!: string;
}
