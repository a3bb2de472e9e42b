import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The users read model (table users), written by users.projection.ts. */
@Entity({ tableName: 'users' })
@Index({ properties: ['tenantId', 'email'] })
export class UserView {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text', fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'text' }) email!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) role!: string;
  @Property({ type: 'text' }) status!: string;
  @Property({ type: 'boolean' }) active!: boolean;
  @Property({ type: 'text', fieldName: 'invited_by', nullable: true }) invitedBy!: string | null;
  @Property({ type: 'timestamptz', fieldName: 'joined_at', nullable: true }) joinedAt!: Date | null;
  @Property({ type: 'timestamptz', fieldName: 'created_at' }) createdAt!: Date;
  @Property({ type: 'timestamptz', fieldName: 'updated_at' }) updatedAt!: Date;
  @Property({ type: 'bigint' }) revision!: string;
}

/** The API keys read model (table api_keys), written by users.projection.ts; the secrets are elsewhere, hashed. */
@Entity({ tableName: 'api_keys' })
export class ApiKeyView {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text', fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) role!: string;
  @Property({ type: 'text' }) prefix!: string;
  @Property({ type: 'text', fieldName: 'created_by' }) createdBy!: string;
  @Property({ type: 'timestamptz', fieldName: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Property({ type: 'timestamptz', fieldName: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Property({ type: 'timestamptz', fieldName: 'created_at' }) createdAt!: Date;
  @Property({ type: 'timestamptz', fieldName: 'updated_at' }) updatedAt!: Date;
  @Property({ type: 'bigint' }) revision!: string;
}
