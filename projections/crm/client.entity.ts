import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

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

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;

  @Property({ type: 'bigint' })
  revision!: string;
}
