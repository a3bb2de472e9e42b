import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { ListArgs } from '../../shared/graphql/list.types';
import { CrmQueries } from '../application/crm.queries';
import { leadCommands } from '../application/lead.commands';
import { TenantDirectory } from '../application/tenant-directory';
import { Activity, CaptureLeadInput, Client, Lead, LeadFilter, LeadList, LeadPipeline, Owner } from './crm.types';

@Resolver(() => Lead)
export class LeadResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly queries: CrmQueries,
    private readonly directory: TenantDirectory,
  ) {}

  @Query(() => Lead, { nullable: true, description: 'A lead of your tenant, or null' })
  lead(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.lead(caller.tenantId, id);
  }

  @Query(() => LeadList)
  leads(@Args() list: ListArgs, @Args('filter', { type: () => LeadFilter, nullable: true }) filter: LeadFilter | undefined, @Caller() caller: Caller) {
    return this.queries.leads(caller.tenantId, filter, list);
  }

  @Allow(...leadCommands.captureLead.roles)
  @Mutation(() => Lead)
  captureLead(@Args('input') input: CaptureLeadInput, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.captureLead, input, caller);
  }

  @Allow(...leadCommands.qualifyLead.roles)
  @Mutation(() => Lead, { description: 'NEW -> QUALIFIED' })
  qualifyLead(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.qualifyLead, { leadId: id }, caller);
  }

  @Allow(...leadCommands.disqualifyLead.roles)
  @Mutation(() => Lead, { description: 'NEW -> DISQUALIFIED, with the reason' })
  disqualifyLead(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.disqualifyLead, { leadId: id, reason }, caller);
  }

  @Allow(...leadCommands.convertLead.roles)
  @Mutation(() => Client, { description: 'QUALIFIED -> CONVERTED, registering the client it becomes' })
  convertLead(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.convertLead, { leadId: id }, caller);
  }

  @Allow(...leadCommands.assignLeadOwner.roles)
  @Mutation(() => Lead, { description: 'Hands the lead to another user of your organisation' })
  assignLeadOwner(@Args('id', { type: () => ID }) id: string, @Args('ownerId', { type: () => ID }) ownerId: string, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.assignLeadOwner, { leadId: id, ownerId }, caller);
  }

  @Query(() => LeadPipeline, { description: 'Lead counts by status and by source' })
  leadPipeline(@Caller() caller: Caller) {
    return this.queries.leadPipeline(caller.tenantId);
  }

  @ResolveField(() => Owner, { nullable: true, description: 'null if the owner is no longer a user of your organisation' })
  async owner(@Parent() lead: Lead, @Caller() caller: Caller) {
    if (!lead.ownerId) return null;
    return (await this.directory.users(caller.tenantId, [lead.ownerId])).get(lead.ownerId) ?? null;
  }

  @ResolveField(() => [Activity], { description: 'The activity timeline, latest first' })
  activities(
    @Parent() lead: Lead,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 50, description: 'At most this many, 1 to 500' }) limit: number,
    @Caller() caller: Caller,
  ) {
    return this.queries.timeline(caller.tenantId, lead.id, Math.min(Math.max(limit ?? 50, 1), 500));
  }
}
