import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { isUuid } from '../../shared/domain/ids';
import { ListArgs } from '../../shared/graphql/list.types';
import { activityCommands } from '../application/activity.commands';
import { CrmQueries } from '../application/crm.queries';
import { Activity, ActivityFilter, ActivityList, LogActivityInput } from './crm.types';

@Resolver(() => Activity)
export class ActivityResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly queries: CrmQueries,
  ) {}

  @Query(() => Activity, { nullable: true, description: 'An activity of your tenant, or null' })
  activity(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return isUuid(id) ? this.queries.activity(caller.tenantId, id) : null;
  }

  @Query(() => ActivityList, { description: 'Activities, latest first by default (sortField: createdAt, dueOn, kind, subject)' })
  activities(
    @Args() list: ListArgs,
    @Args('filter', { type: () => ActivityFilter, nullable: true }) filter: ActivityFilter | undefined,
    @Caller() caller: Caller,
  ) {
    return this.queries.activities(caller.tenantId, filter, list);
  }

  @Allow(...activityCommands.logActivity.roles)
  @Mutation(() => Activity, { description: 'Logs a call, meeting, email, note or task on a lead or a client' })
  logActivity(@Args('input') input: LogActivityInput, @Caller() caller: Caller) {
    return this.commands.execute(activityCommands.logActivity, input, caller);
  }

  @Allow(...activityCommands.completeTask.roles)
  @Mutation(() => Activity, { description: 'Completes a TASK (once)' })
  completeTask(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(activityCommands.completeTask, { activityId: id }, caller);
  }
}
