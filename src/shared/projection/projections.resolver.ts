import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/caller';
import { ProjectionsService, ProjectionStatusView } from './projections.service';

@ObjectType('ProjectionStatus')
export class ProjectionStatusType {
  @Field() name: string;
  @Field({ description: 'STARTING, STANDBY (another instance runs it), RUNNING, FAILING, REBUILDING or STOPPED' }) state: string;
  @Field({ description: 'Checkpoint: the last position applied' }) position: string;
  @Field({ description: 'Last position in the log' }) headPosition: string;
  @Field({ description: 'Positions between what is applied (or known irrelevant) and the head' }) lag: string;
  @Field(() => String, { nullable: true, description: 'Position of the event it fails on, while FAILING' }) failedPosition: string | null;
  @Field(() => String, { nullable: true }) failedEventType: string | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Int) retries: number;
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
}

const view = (status: ProjectionStatusView): ProjectionStatusType => ({
  name: status.name,
  state: status.state,
  position: status.position.toString(),
  headPosition: status.headPosition.toString(),
  lag: status.lag.toString(),
  failedPosition: status.failedPosition?.toString() ?? null,
  failedEventType: status.failedEventType,
  lastError: status.lastError,
  retries: status.retries,
  updatedAt: status.updatedAt,
});

@Resolver()
export class ProjectionsResolver {
  constructor(private readonly service: ProjectionsService) {}

  @Allow('admin', 'auditor')
  @Query(() => [ProjectionStatusType], { description: 'Read models and process managers: where each stands in the log' })
  async projections() {
    return (await this.service.statuses()).map(view);
  }

  @Allow('admin')
  @Mutation(() => ProjectionStatusType, { description: 'Empty a read model and replay the whole log into it' })
  async rebuildProjection(@Args('name') name: string) {
    return view(await this.service.rebuild(name));
  }
}
