import { deciderSpec } from '../../shared/domain/decider-spec';
import { LogActivity, activityDecider, isBusinessDate } from './activity';
import { ActivityLogged, TaskCompleted } from './activity.events';

const given = deciderSpec(activityDecider);
const activityId = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';
const subjectId = '0c7d8b0e-2f57-4c1c-8d6b-5d7c0c9e1a01';
const now = new Date('2026-11-21T10:00:00.000Z');

const logTask: LogActivity = {
  type: 'LogActivity',
  activityId,
  subjectType: 'CLIENT',
  subjectId,
  kind: 'TASK',
  subject: ' Send the contract ',
  notes: ' ',
  dueOn: '2026-12-01',
  subjectArchived: false,
};
const taskLogged: ActivityLogged = {
  type: 'ActivityLogged',
  data: { activityId, subjectType: 'CLIENT', subjectId, kind: 'TASK', subject: 'Send the contract', notes: null, dueOn: '2026-12-01' },
};
const callLogged: ActivityLogged = { type: 'ActivityLogged', data: { ...taskLogged.data, kind: 'CALL', dueOn: null } };
const completed: TaskCompleted = {
  type: 'TaskCompleted',
  data: { activityId, subjectType: 'CLIENT', subjectId, completedAt: now.toISOString() },
};

describe('Activity', () => {
  describe('logActivity', () => {
    it('logs a task with a due date, trimming text', () => given([]).when(logTask).then([taskLogged]));
    it('logs a call on a lead with notes', () =>
      given([])
        .when({ ...logTask, subjectType: 'LEAD', kind: 'CALL', notes: 'Wants a demo', dueOn: null })
        .then([{ type: 'ActivityLogged', data: { ...taskLogged.data, subjectType: 'LEAD', kind: 'CALL', notes: 'Wants a demo', dueOn: null } }]));
    it('refuses a blank subject', () =>
      given([])
        .when({ ...logTask, subject: '  ' })
        .thenThrows('SUBJECT_REQUIRED'));
    it.each(['2026-02-30', '01/12/2026', '2026-1-1'])('refuses the due date %s', (dueOn) =>
      given([])
        .when({ ...logTask, dueOn })
        .thenThrows('INVALID_DUE_DATE'),
    );
    it('refuses an activity on an archived client', () =>
      given([])
        .when({ ...logTask, subjectArchived: true })
        .thenThrows('CLIENT_ARCHIVED'));
    it('refuses to log the same activity twice', () => given([taskLogged]).when(logTask).thenThrows('ACTIVITY_ALREADY_EXISTS'));
  });

  describe('completeTask', () => {
    const complete = { type: 'CompleteTask' as const, activityId, now };
    it('completes an open task', () => given([taskLogged]).when(complete).then([completed]));
    it('refuses an activity that is not a task', () => given([callLogged]).when(complete).thenThrows('NOT_A_TASK'));
    it('completes a task only once', () => given([taskLogged, completed]).when(complete).thenThrows('TASK_ALREADY_COMPLETED'));
    it('refuses an unknown activity', () => given([]).when(complete).thenThrows('NOT_FOUND'));
  });

  it('knows a real calendar date', () => {
    expect(isBusinessDate('2028-02-29')).toBe(true);
    expect(isBusinessDate('2026-02-29')).toBe(false);
  });
});
