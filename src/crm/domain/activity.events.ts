/** Activity events as stored (see lead.events.ts on naming). Each activity is its own stream. */
export type ActivitySubjectType = 'LEAD' | 'CLIENT';
export type ActivityKind = 'CALL' | 'MEETING' | 'EMAIL' | 'NOTE' | 'TASK';

export type ActivityLogged = {
  type: 'ActivityLogged';
  data: {
    activityId: string;
    subjectType: ActivitySubjectType;
    subjectId: string;
    kind: ActivityKind;
    subject: string;
    notes: string | null;
    /** A business date, 'YYYY-MM-DD'. */
    dueOn: string | null;
  };
};
/** The subject is repeated so readers keyed by lead or client need not look the activity up. */
export type TaskCompleted = {
  type: 'TaskCompleted';
  data: { activityId: string; subjectType: ActivitySubjectType; subjectId: string; completedAt: string };
};

export type ActivityEvent = ActivityLogged | TaskCompleted;

export const activityStream = (activityId: string) => `activity-${activityId}`;
