import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { ActivityEvent } from '../../src/crm/domain/activity.events';
import { activityEvents } from '../../src/crm/domain/crm.events';

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

export const applyActivityEvent = (row: ActivityRow | null, event: Recorded<ActivityEvent>): ActivityRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  switch (event.type) {
    case 'ActivityLogged': {
      const { activityId, subjectType, subjectId, kind, subject, notes, dueOn } = event.data;
      return {
        id: activityId,
        tenant_id: event.metadata.tenantId,
        subject_type: subjectType,
        subject_id: subjectId,
        kind,
        subject,
        notes,
        due_on: dueOn,
        completed: false,
        completed_at: null,
        actor_id: event.metadata.actorId,
        created_at: event.recordedAt,
        ...touched,
      };
    }
    case 'TaskCompleted':
      return row ? { ...row, completed: true, completed_at: event.data.completedAt, ...touched } : null;
  }
};

export const activitiesProjection = rowProjection({
  name: 'crm.activities',
  table: 'crm_activities',
  handles: activityEvents.types,
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
  events: activityEvents,
  key: (event) => event.data.activityId,
  apply: applyActivityEvent,
});
