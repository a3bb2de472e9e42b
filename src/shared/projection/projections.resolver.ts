import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller, Operator } from '../auth/caller';
import { BadInputError } from '../domain/domain-error';
import type { Park } from '../processing/checkpoint-store';
import { parksVisibleTo } from '../processing/park-visibility';
import { ProjectionsService, ProjectionStatusView } from './projections.service';

@ObjectType('ProcessorPark')
export class ProcessorParkType {
  @Field() tenantId: string;
  @Field({ description: 'The first of the tenant’s events not applied; the later ones wait behind it' }) position: string;
  @Field() eventType: string;
  @Field() error: string;
  @Field(() => Int) retries: number;
  @Field(() => Date) parkedAt: Date;
}

@ObjectType('ProjectionStatus')
export class ProjectionStatusType {
  @Field() name: string;
  @Field({ description: 'PROJECTOR (read model, rebuildable) or REACTOR (effects: process managers, relays; replayed, never rebuilt)' }) kind: string;
  @Field({ description: 'STARTING, STANDBY (another instance runs it), RUNNING, FAILING, REBUILDING or STOPPED' }) state: string;
  @Field({ description: 'Checkpoint: the last position applied' }) position: string;
  @Field({ description: 'Last position in the log' }) headPosition: string;
  @Field({ description: 'Positions between what is applied (or known irrelevant) and the head' }) lag: string;
  @Field(() => String, { nullable: true, description: 'Position of the earliest event it is parked on (of the tenants you may see)' }) failedPosition:
    string | null;
  @Field(() => String, { nullable: true }) failedEventType: string | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Int) retries: number;
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
  @Field(() => [ProcessorParkType], { description: 'Tenants it is parked for: their events wait, in order, until a retry applies them' })
  parked: ProcessorParkType[];
}

const parkView = (park: Park): ProcessorParkType => ({
  tenantId: park.tenantId,
  position: park.position.toString(),
  eventType: park.eventType,
  error: park.error,
  retries: park.retries,
  parkedAt: park.parkedAt,
});

const view = (caller: Caller, status: ProjectionStatusView): ProjectionStatusType => {
  const parks = parksVisibleTo(caller, status.parks);
  const first = parks[0];
  return {
    name: status.name,
    kind: status.kind.toUpperCase(),
    state: status.state,
    position: status.position.toString(),
    headPosition: status.headPosition.toString(),
    lag: status.lag.toString(),
    failedPosition: first?.position.toString() ?? null,
    failedEventType: first?.eventType ?? null,
    // A processor-wide error may quote any tenant's event: only the operator sees it.
    lastError: (caller.operator ? status.lastError : null) ?? first?.error ?? null,
    retries: (caller.operator ? status.retries : 0) || (first?.retries ?? 0),
    updatedAt: status.updatedAt,
    parked: parks.map(parkView),
  };
};

@Resolver()
export class ProjectionsResolver {
  constructor(private readonly service: ProjectionsService) {}

  @Allow('admin', 'auditor')
  @Operator('also')
  @Query(() => [ProjectionStatusType], {
    description:
      'Read models and reactors (process managers, relays): where each stands in the log. A tenant sees only its own parked events; the operator sees every tenant',
  })
  async projections(@Caller() caller: Caller) {
    return (await this.service.statuses()).map((status) => view(caller, status));
  }

  @Operator('only')
  @Mutation(() => ProjectionStatusType, {
    description:
      'A read model: rebuilt from the whole log beside the live one, which answers until the switch. A reactor: replayed from the start (its effects are idempotent)',
  })
  async rebuildProjection(@Caller() caller: Caller, @Args('name') name: string) {
    return view(caller, await this.service.rebuild(name));
  }

  @Operator('only')
  @Mutation(() => ProjectionStatusType, { description: 'Retry now every tenant the processor is parked for: their waiting events are applied in order' })
  async retryProcessor(@Caller() caller: Caller, @Args('name') name: string) {
    return view(caller, await this.service.retry(name));
  }

  @Operator('only')
  @Mutation(() => ProjectionStatusType, {
    description:
      'Replay a reactor from a position of the log (after it), at most its checkpoint: its effects are idempotent, so nothing happens twice. A read model is rebuilt instead (rebuildProjection)',
  })
  async replayProcessor(
    @Caller() caller: Caller,
    @Args('name') name: string,
    @Args('from', { description: 'Position to replay after; "0" is the start' }) from: string,
  ) {
    if (!/^\d{1,19}$/.test(from)) throw new BadInputError({ from: ['a log position: digits, "0" for the start'] });
    return view(caller, await this.service.replay(name, BigInt(from)));
  }
}
