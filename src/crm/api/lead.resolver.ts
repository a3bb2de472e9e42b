import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { leadCommands } from '../application/lead.commands';
import { CrmSubjectResolver } from './crm-subject.resolver';
import { CaptureLeadInput, Client, Lead, LeadFilter, LeadList, LeadPipeline } from './crm.types';

@Resolver(() => Lead)
export class LeadResolver extends CrmSubjectResolver({
  one: { name: 'lead', type: Lead, description: 'A lead of your tenant, or null', read: (queries, tenantId, id) => queries.lead(tenantId, id) },
  list: { name: 'leads', type: LeadList, filter: LeadFilter, read: (queries, tenantId, filter, list) => queries.leads(tenantId, filter, list) },
}) {
  @CommandMutation(leadCommands.captureLead, () => Lead)
  captureLead(@Args('input') input: CaptureLeadInput, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.captureLead, input, caller);
  }

  @CommandMutation(leadCommands.qualifyLead, () => Lead, { description: 'NEW -> QUALIFIED' })
  qualifyLead(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.qualifyLead, { leadId: id }, caller);
  }

  @CommandMutation(leadCommands.disqualifyLead, () => Lead, { description: 'NEW -> DISQUALIFIED, with the reason' })
  disqualifyLead(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.disqualifyLead, { leadId: id, reason }, caller);
  }

  @CommandMutation(leadCommands.convertLead, () => Client, { description: 'QUALIFIED -> CONVERTED, registering the client it becomes' })
  convertLead(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.convertLead, { leadId: id }, caller);
  }

  @CommandMutation(leadCommands.assignLeadOwner, () => Lead, { description: 'Hands the lead to another user of your organisation' })
  assignLeadOwner(@Args('id', { type: () => ID }) id: string, @Args('ownerId', { type: () => ID }) ownerId: string, @Caller() caller: Caller) {
    return this.commands.execute(leadCommands.assignLeadOwner, { leadId: id, ownerId }, caller);
  }

  @Query(() => LeadPipeline, { description: 'Lead counts by status and by source' })
  leadPipeline(@Caller() caller: Caller) {
    return this.queries.leadPipeline(caller.tenantId);
  }
}
