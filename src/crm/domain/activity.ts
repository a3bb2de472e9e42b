import { assertNever, recordDecider } from '../../shared/domain/decider';
import { existing, optionalText } from '../../shared/domain/guards';
import { CrmError, CrmErrorCode } from './crm.error';
import { ActivityEvent, ActivityKind, ActivitySubjectType } from './activity.events';
import { activityEvents } from './crm.events';

export type LogActivity = {
  type: 'LogActivity';
  activityId: string;
  subjectType: ActivitySubjectType;
  subjectId: string;
  kind: ActivityKind;
  subject: string;
  notes?: string | null;
  dueOn?: string | null;
  /** Looked up by the handler: an archived client takes no new activity. */
  subjectArchived: boolean;
};
export type CompleteTask = { type: 'CompleteTask'; activityId: string; now: Date };
export type ActivityCommand = LogActivity | CompleteTask;

export type Activity =
  { status: 'NONE' } | { status: 'LOGGED'; id: string; kind: ActivityKind; subjectType: ActivitySubjectType; subjectId: string; completed: boolean };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar date in 'YYYY-MM-DD' form (2026-02-30 is not). */
export const isBusinessDate = (value: string): boolean => {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

export const decide = (command: ActivityCommand, state: Activity): ActivityEvent[] => {
  switch (command.type) {
    case 'LogActivity': {
      if (state.status !== 'NONE') throw new CrmError(CrmErrorCode.ActivityAlreadyExists, `Activity ${command.activityId} already exists`);
      if (command.subjectArchived) throw new CrmError(CrmErrorCode.ClientArchived, 'This client is archived; restore it before logging activities on it');
      const subject = CrmError.requiredText(command.subject, CrmErrorCode.SubjectRequired, 'An activity needs a subject, such as "Call about renewal"');
      const dueOn = optionalText(command.dueOn);
      if (dueOn !== null && !isBusinessDate(dueOn))
        throw new CrmError(CrmErrorCode.InvalidDueDate, `"${command.dueOn}" is not a date; write it as YYYY-MM-DD, such as 2026-12-31`);
      const notes = optionalText(command.notes);
      const { activityId, subjectType, subjectId, kind } = command;
      return [{ type: 'ActivityLogged', data: { activityId, subjectType, subjectId, kind, subject, notes, dueOn } }];
    }
    case 'CompleteTask': {
      const activity = existing(state, 'activity', command.activityId);
      if (activity.kind !== 'TASK') throw new CrmError(CrmErrorCode.NotATask, `Only a TASK can be completed; this activity is a ${activity.kind}`);
      if (activity.completed) throw new CrmError(CrmErrorCode.TaskAlreadyCompleted, 'This task is already completed');
      const { id, subjectType, subjectId } = activity;
      return [{ type: 'TaskCompleted', data: { activityId: id, subjectType, subjectId, completedAt: command.now.toISOString() } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (state: Activity, event: ActivityEvent): Activity => {
  switch (event.type) {
    case 'ActivityLogged': {
      const { activityId, kind, subjectType, subjectId } = event.data;
      return { status: 'LOGGED', id: activityId, kind, subjectType, subjectId, completed: false };
    }
    case 'TaskCompleted':
      return state.status === 'NONE' ? state : { ...state, completed: true };
    default:
      return assertNever(event);
  }
};

export const activityDecider = recordDecider<Activity, ActivityCommand, ActivityEvent>({ events: activityEvents, decide, evolve });
