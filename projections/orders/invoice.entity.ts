import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { InvoiceCreditNoteEntry, InvoicePaymentEntry } from './invoices.projection';

/**
 * The invoices read model (table orders_invoices), written by invoices.projection.ts. Money columns
 * are minor units (bigint, read as strings); dates are 'YYYY-MM-DD' text, which sorts as dates do.
 */
@Entity({ tableName: 'orders_invoices' })
@Index({ properties: ['tenantId', 'status'] })
export class InvoiceView {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'text' })
  number!: string;

  @Property({ type: 'uuid', fieldName: 'order_id' })
  orderId!: string;

  @Property({ type: 'uuid', fieldName: 'client_id' })
  clientId!: string;

  @Property({ type: 'text' })
  currency!: string;

  @Property({ type: 'text' })
  status!: 'ISSUED' | 'SENT' | 'PARTIALLY_PAID' | 'PAID' | 'VOID';

  @Property({ type: 'bigint' })
  net!: string;

  @Property({ type: 'bigint' })
  tax!: string;

  @Property({ type: 'bigint' })
  total!: string;

  @Property({ type: 'bigint', fieldName: 'amount_paid' })
  amountPaid!: string;

  @Property({ type: 'bigint' })
  credited!: string;

  @Property({ type: 'bigint', fieldName: 'balance_due' })
  balanceDue!: string;

  @Property({ type: 'text', fieldName: 'issued_on' })
  issuedOn!: string;

  @Property({ type: 'text', fieldName: 'due_on' })
  dueOn!: string;

  @Property({ type: 'text', fieldName: 'sent_on', nullable: true })
  sentOn!: string | null;

  @Property({ type: 'text', fieldName: 'paid_on', nullable: true })
  paidOn!: string | null;

  @Property({ type: 'text', fieldName: 'voided_on', nullable: true })
  voidedOn!: string | null;

  /** Set by InvoiceFellOverdue: the business date the overdue detector marked it on. */
  @Property({ type: 'text', fieldName: 'overdue_on', nullable: true })
  overdueOn!: string | null;

  @Property({ type: 'text', fieldName: 'void_reason', nullable: true })
  voidReason!: string | null;

  @Property({ type: 'json' })
  payments!: InvoicePaymentEntry[];

  @Property({ type: 'json', fieldName: 'credit_notes' })
  creditNotes!: InvoiceCreditNoteEntry[];

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;

  /** Revision of the invoice's stream this row reflects. */
  @Property({ type: 'bigint' })
  revision!: string;
}
