import { Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '../../shared/auth/caller';
import { contextFromCaller } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { IdempotencyService } from '../../shared/command/idempotency.service';
import { NotFoundError } from '../../shared/domain/domain-error';
import { deterministicId, newId } from '../../shared/domain/ids';
import { ProjectionsService } from '../../shared/projection/projections.service';
import { Client, Lead } from '../api/crm.types';
import { LeadCommand, leadDecider } from '../domain/lead';
import { leadStream } from '../domain/lead.events';
import { ClientRegistration, clientIdForLead } from './client-registration';
import { CrmQueries } from './crm.queries';
import { CaptureLeadCommand, ConvertLeadCommand, DisqualifyLeadCommand, QualifyLeadCommand } from './lead.commands';

const LEADS = 'crm.leads';
const CLIENTS = 'crm.clients';

/** The shared path of every lead command: idempotency, decide and append, then read-your-writes. */
@Injectable()
export class LeadCommandPipeline {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly idempotency: IdempotencyService,
    private readonly projections: ProjectionsService,
    private readonly queries: CrmQueries,
  ) {}

  handle(caller: Caller, operation: string, request: object, leadId: string, command: LeadCommand): Promise<Lead> {
    return this.idempotency.run(caller.tenantId, caller.idempotencyKey, operation, request, async () => {
      const { position } = await this.runner.run(leadDecider, leadStream(leadId), command, contextFromCaller(caller));
      await this.projections.waitFor([LEADS], position);
      const lead = await this.queries.lead(caller.tenantId, leadId);
      if (!lead) throw new NotFoundError('lead', leadId);
      return lead;
    });
  }
}

@CommandHandler(CaptureLeadCommand)
export class CaptureLeadHandler implements ICommandHandler<CaptureLeadCommand, Lead> {
  constructor(private readonly pipeline: LeadCommandPipeline) {}

  execute({ input, caller }: CaptureLeadCommand) {
    // With a key, a retried capture targets the same lead instead of creating a twin.
    const leadId = caller.idempotencyKey ? deterministicId(caller.tenantId, caller.idempotencyKey, 'lead') : newId();
    return this.pipeline.handle(caller, 'captureLead', input, leadId, { type: 'CaptureLead', leadId, ...input });
  }
}

@CommandHandler(QualifyLeadCommand)
export class QualifyLeadHandler implements ICommandHandler<QualifyLeadCommand, Lead> {
  constructor(private readonly pipeline: LeadCommandPipeline) {}

  execute({ leadId, caller }: QualifyLeadCommand) {
    return this.pipeline.handle(caller, 'qualifyLead', { leadId }, leadId, { type: 'QualifyLead', leadId });
  }
}

@CommandHandler(DisqualifyLeadCommand)
export class DisqualifyLeadHandler implements ICommandHandler<DisqualifyLeadCommand, Lead> {
  constructor(private readonly pipeline: LeadCommandPipeline) {}

  execute({ leadId, reason, caller }: DisqualifyLeadCommand) {
    return this.pipeline.handle(caller, 'disqualifyLead', { leadId, reason }, leadId, { type: 'DisqualifyLead', leadId, reason });
  }
}

@CommandHandler(ConvertLeadCommand)
export class ConvertLeadHandler implements ICommandHandler<ConvertLeadCommand, Client> {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly idempotency: IdempotencyService,
    private readonly projections: ProjectionsService,
    private readonly queries: CrmQueries,
    private readonly registration: ClientRegistration,
  ) {}

  execute({ leadId, caller }: ConvertLeadCommand): Promise<Client> {
    return this.idempotency.run(caller.tenantId, caller.idempotencyKey, 'convertLead', { leadId }, async () => {
      const context = contextFromCaller(caller);
      const clientId = clientIdForLead(caller.tenantId, leadId);
      const converted = await this.runner.run(leadDecider, leadStream(leadId), { type: 'ConvertLead', leadId, clientId }, context);
      // A repeated request (same Idempotency-Key) appended nothing: its conversion is in the stream.
      const conversionId =
        converted.events.find((event) => event.type === 'LeadConverted')?.id ??
        (await this.runner.readStream(leadStream(leadId))).find((event) => event.type === 'LeadConverted')!.id;
      const registered = await this.registration.registerFromConvertedLead(leadId, clientId, conversionId, context);
      await this.projections.waitFor([LEADS], converted.position);
      await this.projections.waitFor([CLIENTS], registered.position);
      const client = await this.queries.client(caller.tenantId, clientId);
      if (!client) throw new NotFoundError('client', clientId);
      return client;
    });
  }
}

export const leadCommandHandlers = [LeadCommandPipeline, CaptureLeadHandler, QualifyLeadHandler, DisqualifyLeadHandler, ConvertLeadHandler];
