import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The products read model (table orders_products), written by products.projection.ts. */
@Entity({ tableName: 'orders_products' })
@Index({ properties: ['tenantId', 'active'] })
export class ProductView {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'text' })
  sku!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  currency!: string;

  /** Minor units of `currency`. */
  @Property({ type: 'bigint', fieldName: 'unit_price' })
  unitPrice!: string;

  @Property({ type: 'text', fieldName: 'tax_rate' })
  taxRate!: string;

  @Property({ type: 'boolean' })
  active!: boolean;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;

  @Property({ type: 'bigint' })
  revision!: string;
}
