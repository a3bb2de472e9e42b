import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { QuoteLine } from '../../src/orders/domain/quote.events';

/** The quotes read model (table orders_quotes), written by quotes.projection.ts. Money in minor units. */
@Entity({ tableName: 'orders_quotes' })
@Index({ properties: ['tenantId', 'status'] })
export class QuoteView {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'uuid', fieldName: 'client_id' })
  clientId!: string;

  @Property({ type: 'text' })
  status!: 'DRAFT' | 'SENT' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED';

  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'text', fieldName: 'valid_until', nullable: true })
  validUntil!: string | null;

  /** The quote's business revision (1, 2, ...), bumped by reviseQuote. */
  @Property({ type: 'integer', fieldName: 'quote_revision' })
  quoteRevision!: number;

  @Property({ type: 'json' })
  lines!: QuoteLine[];

  @Property({ type: 'text' })
  search!: string;

  @Property({ type: 'bigint' })
  net!: string;

  @Property({ type: 'bigint' })
  tax!: string;

  @Property({ type: 'bigint' })
  total!: string;

  @Property({ type: 'text', fieldName: 'sent_on', nullable: true })
  sentOn!: string | null;

  @Property({ type: 'text', fieldName: 'accepted_on', nullable: true })
  acceptedOn!: string | null;

  @Property({ type: 'text', fieldName: 'rejection_reason', nullable: true })
  rejectionReason!: string | null;

  @Property({ type: 'uuid', fieldName: 'order_id', nullable: true })
  orderId!: string | null;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;

  @Property({ type: 'bigint' })
  revision!: string;
}
