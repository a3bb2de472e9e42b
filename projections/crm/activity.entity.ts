import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** The activities read model (table crm_activities), written by activities.projection.ts. */
@Entity({ tableName: 'crm_activities' })
@Index({ properties: ['tenantId', 'subjectId', 'createdAt'] })
export class ActivityView {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'text', fieldName: 'subject_type' })
  subjectType!: 'LEAD' | 'CLIENT';

  @Property({ type: 'uuid', fieldName: 'subject_id' })
  subjectId!: string;

  @Property({ type: 'text' })
  kind!: 'CALL' | 'MEETING' | 'EMAIL' | 'NOTE' | 'TASK';

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text', nullable: true })
  notes!: string | null;

  @Property({ type: 'text', fieldName: 'due_on', nullable: true })
  dueOn!: string | null;

  @Property({ type: 'boolean' })
  completed!: boolean;

  @Property({ type: 'timestamptz', fieldName: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Property({ type: 'text', fieldName: 'actor_id' })
  actorId!: string;

  @Property({ type: 'timestamptz', fieldName: 'created_at' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', fieldName: 'updated_at' })
  updatedAt!: Date;

  @Property({ type: 'bigint' })
  revision!: string;
}
