import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { ContactDetails, PostalAddress } from '../../src/crm/domain/client.events';

/** The clients read model (table crm_clients), written by clients.projection.ts. */
@Entity({ tableName: 'crm_clients' })
export class ClientView {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text', nullable: true })
  company!: string | null;

  @Property({ type: 'uuid', fieldName: 'lead_id', nullable: true })
  leadId!: string | null;

  @Property({ type: 'text', nullable: true })
  phone!: string | null;

  @Property({ type: 'text', fieldName: 'owner_id', nullable: true })
  ownerId!: string | null;

  @Property({ type: 'boolean' })
  archived!: boolean;

  @Property({ type: 'text', fieldName: 'archived_reason', nullable: true })
  archivedReason!: string | null;

  @Property({ type: 'json' })
  contacts!: ContactDetails[];

  @Property({ type: 'json', fieldName: 'billing_address', nullable: true })
  billingAddress!: PostalAddress | null;

  @Property({ type: 'json', fieldName: 'shipping_address', nullable: true })
  shippingAddress!: PostalAddress | null;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;

  @Property({ type: 'bigint' })
  revision!: string;
}
