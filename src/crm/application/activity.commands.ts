import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
import { CommandEnv } from '../../shared/command/command-spec';
import { SELLERS } from '../../shared/command/command-roles';
import { NotFoundError } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import { activityDecider, LogActivity } from '../domain/activity';
import { ActivitySubjectType, activityStream } from '../domain/activity.events';
import { clientDecider } from '../domain/client';
import { clientStream } from '../domain/client.events';
import { leadDecider } from '../domain/lead';
import { leadStream } from '../domain/lead.events';
import { CrmQueries } from './crm.queries';

export const ACTIVITIES = 'crm.activities';

export type LogActivityRequest = Omit<LogActivity, 'type' | 'activityId' | 'subjectArchived'>;

/** The lead or client an activity is about must exist in the caller's tenant; says whether it is an archived client. */
const subjectArchived = async (env: CommandEnv, subjectType: ActivitySubjectType, subjectId: string): Promise<boolean> => {
  const entity = subjectType === 'LEAD' ? 'lead' : 'client';
  if (!isUuid(subjectId)) throw new NotFoundError(entity, subjectId);
  if (subjectType === 'LEAD') {
    if (!(await env.runner.stateInTenant(leadDecider, leadStream(subjectId), env.tenantId)).exists) throw new NotFoundError(entity, subjectId);
    return false;
  }
  const client = await env.runner.stateInTenant(clientDecider, clientStream(subjectId), env.tenantId);
  if (!client.exists) throw new NotFoundError(entity, subjectId);
  return client.state.status === 'ARCHIVED';
};

export const activityCommands = commandsFor(
  activityDecider,
  { entity: 'activity', roles: SELLERS, stream: activityStream, answer: answerWithRow(CrmQueries, 'activity', ACTIVITIES) },
  ({ command }) => ({
    logActivity: command({
      creates: 'activity',
      command: async (input: LogActivityRequest, activityId: string, env) => ({
        type: 'LogActivity',
        activityId,
        ...input,
        subjectArchived: await subjectArchived(env, input.subjectType, input.subjectId),
      }),
    }),
    completeTask: command<{ activityId: string }>({
      id: 'activityId',
      command: (input, _id, env) => ({ type: 'CompleteTask', ...input, now: env.now }),
      probe: (activity) => ({ activityId: activity.id }),
    }),
  }),
);
