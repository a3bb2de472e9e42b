import { Entity, PrimaryKey, Property, Index } from '@mikro-orm/decorators/legacy';

/** The leads read model (table crm_leads), written by leads.projection.ts, read through MikroORM. */
@Entity({ tableName: 'crm_leads' })
@Index({ properties: ['tenantId', 'status'] })
export class LeadView {
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

  @Property({ type: 'text', nullable: true })
  phone!: string | null;

  @Property({ type: 'text', nullable: true })
  source!: string | null;

  @Property({ type: 'text' })
  status!: 'NEW' | 'QUALIFIED' | 'DISQUALIFIED' | 'CONVERTED';

  @Property({ type: 'uuid', fieldName: 'client_id', nullable: true })
  clientId!: string | null;

  /** A user id (text: the capturer's actor id, which may also be an API key's). */
  @Property({ type: 'text', fieldName: 'owner_id', nullable: true })
  ownerId!: string | null;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;

  /** Revision of the lead's stream this row reflects. */
  @Property({ type: 'bigint' })
  revision!: string;
}
