import { Args, ID, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { isUuid } from '../../shared/domain/ids';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { RecordResolver } from '../../shared/graphql/record.resolver';
import { activityCommands } from '../application/activity.commands';
import { CrmQueries } from '../application/crm.queries';
import { Activity, ActivityFilter, ActivityList, LogActivityInput } from './crm.types';

@Resolver(() => Activity)
export class ActivityResolver extends RecordResolver(CrmQueries, {
  one: {
    name: 'activity',
    type: Activity,
    description: 'An activity of your tenant, or null',
    read: (queries, tenantId, id) => (isUuid(id) ? queries.activity(tenantId, id) : null),
  },
  list: {
    name: 'activities',
    type: ActivityList,
    filter: ActivityFilter,
    description: 'Activities, latest first by default (sortField: createdAt, dueOn, kind, subject)',
    read: (queries, tenantId, filter, list) => queries.activities(tenantId, filter, list),
  },
}) {
  @CommandMutation(activityCommands.logActivity, () => Activity, { description: 'Logs a call, meeting, email, note or task on a lead or a client' })
  logActivity(@Args('input') input: LogActivityInput, @Caller() caller: Caller) {
    return this.commands.execute(activityCommands.logActivity, input, caller);
  }

  @CommandMutation(activityCommands.completeTask, () => Activity, { description: 'Completes a TASK (once)' })
  completeTask(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(activityCommands.completeTask, { activityId: id }, caller);
  }
}
