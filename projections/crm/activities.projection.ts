import { RecordedEvent } from '../../src/shared/event-store/event-store.port';
import { rowProjection } from '../../src/shared/projection/projection';
import { ActivityEvent } from '../../src/crm/domain/activity.events';

export interface ActivityRow {
  id: string;
  tenant_id: string;
  subject_type: string;
  subject_id: string;
  kind: string;
  subject: string;
  notes: string | null;
  due_on: string | null;
  completed: boolean;
  completed_at: Date | string | null;
  /** Who logged it. */
  actor_id: string;
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

export const applyActivityEvent = (row: ActivityRow | null, recorded: RecordedEvent): ActivityRow | null => {
  const event = recorded as unknown as RecordedEvent & ActivityEvent;
  const touched = { updated_at: recorded.recordedAt, revision: recorded.revision.toString() };
  switch (event.type) {
    case 'ActivityLogged': {
      const { activityId, subjectType, subjectId, kind, subject, notes, dueOn } = event.data;
      return {
        id: activityId,
        tenant_id: recorded.metadata.tenantId,
        subject_type: subjectType,
        subject_id: subjectId,
        kind,
        subject,
        notes,
        due_on: dueOn,
        completed: false,
        completed_at: null,
        actor_id: recorded.metadata.actorId,
        created_at: recorded.recordedAt,
        ...touched,
      };
    }
    case 'TaskCompleted':
      return row ? { ...row, completed: true, completed_at: event.data.completedAt, ...touched } : null;
  }
};

export const activitiesProjection = rowProjection<ActivityRow>({
  name: 'crm.activities',
  table: 'crm_activities',
  handles: ['ActivityLogged', 'TaskCompleted'],
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    subject_type: 'text',
    subject_id: 'uuid',
    kind: 'text',
    subject: 'text',
    notes: 'text',
    due_on: 'text',
    completed: 'boolean',
    completed_at: 'timestamptz',
    actor_id: 'text',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  key: (event) => (event.data as { activityId?: string }).activityId ?? null,
  apply: applyActivityEvent,
});
