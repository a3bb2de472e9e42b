import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Per-client counters fed by other contexts' events (table crm_client_summaries), written by
 * client-summary.projection.ts. Amounts are integer minor units of the tenant's currency.
 */
@Entity({ tableName: 'crm_client_summaries' })
export class ClientSummaryView {
  @PrimaryKey({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @PrimaryKey({ type: 'uuid', fieldName: 'client_id' })
  clientId!: string;

  @Property({ type: 'integer', fieldName: 'order_count' })
  orderCount!: number;

  @Property({ type: 'bigint' })
  invoiced!: string;

  @Property({ type: 'bigint' })
  paid!: string;

  @Property({ type: 'bigint' })
  credited!: string;

  @Property({ type: 'bigint' })
  voided!: string;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;
}
