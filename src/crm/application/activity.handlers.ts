import { Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '../../shared/auth/caller';
import { contextFromCaller } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { IdempotencyService } from '../../shared/command/idempotency.service';
import { fold } from '../../shared/domain/decider';
import { NotFoundError } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import { ProjectionsService } from '../../shared/projection/projections.service';
import { Activity } from '../api/crm.types';
import { ActivityCommand, activityDecider } from '../domain/activity';
import { activityStream } from '../domain/activity.events';
import { clientDecider } from '../domain/client';
import { ClientEvent, clientStream } from '../domain/client.events';
import { leadStream } from '../domain/lead.events';
import { createdId } from './client.handlers';
import { CompleteTaskCommand, LogActivityCommand } from './client.commands';
import { CrmQueries } from './crm.queries';

const ACTIVITIES = 'crm.activities';

@Injectable()
export class ActivityCommandPipeline {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly idempotency: IdempotencyService,
    private readonly projections: ProjectionsService,
    private readonly queries: CrmQueries,
  ) {}

  handle(caller: Caller, operation: string, request: object, activityId: string, command: () => Promise<ActivityCommand>): Promise<Activity> {
    return this.idempotency.run(caller.tenantId, caller.idempotencyKey, operation, request, async () => {
      if (!isUuid(activityId)) throw new NotFoundError('activity', activityId);
      const { position } = await this.runner.run(activityDecider, activityStream(activityId), await command(), contextFromCaller(caller));
      await this.projections.waitFor([ACTIVITIES], position);
      const activity = await this.queries.activity(caller.tenantId, activityId);
      if (!activity) throw new NotFoundError('activity', activityId);
      return activity;
    });
  }

  /** The lead or client an activity is about must exist in the caller's tenant; says whether it is an archived client. */
  async subjectArchived(caller: Caller, subjectType: 'LEAD' | 'CLIENT', subjectId: string): Promise<boolean> {
    const entity = subjectType === 'LEAD' ? 'lead' : 'client';
    if (!isUuid(subjectId)) throw new NotFoundError(entity, subjectId);
    const history = await this.runner.readStream(subjectType === 'LEAD' ? leadStream(subjectId) : clientStream(subjectId));
    if (history.length === 0 || history[0].metadata.tenantId !== caller.tenantId) throw new NotFoundError(entity, subjectId);
    if (subjectType === 'LEAD') return false;
    return fold(clientDecider, history as unknown as ClientEvent[]).status === 'ARCHIVED';
  }
}

@CommandHandler(LogActivityCommand)
export class LogActivityHandler implements ICommandHandler<LogActivityCommand, Activity> {
  constructor(private readonly pipeline: ActivityCommandPipeline) {}

  execute({ input, caller }: LogActivityCommand) {
    const activityId = createdId(caller, 'activity');
    return this.pipeline.handle(caller, 'logActivity', input, activityId, async () => ({
      type: 'LogActivity',
      activityId,
      ...input,
      subjectArchived: await this.pipeline.subjectArchived(caller, input.subjectType, input.subjectId),
    }));
  }
}

@CommandHandler(CompleteTaskCommand)
export class CompleteTaskHandler implements ICommandHandler<CompleteTaskCommand, Activity> {
  constructor(private readonly pipeline: ActivityCommandPipeline) {}

  execute({ activityId, caller }: CompleteTaskCommand) {
    return this.pipeline.handle(caller, 'completeTask', { activityId }, activityId, async () => ({ type: 'CompleteTask', activityId, now: new Date() }));
  }
}

export const activityCommandHandlers = [ActivityCommandPipeline, LogActivityHandler, CompleteTaskHandler];
