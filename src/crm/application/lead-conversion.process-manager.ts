import { Injectable, OnModuleInit } from '@nestjs/common';
import { contextFromEvent } from '../../shared/command/command-context';
import { ProjectionsService } from '../../shared/projection/projections.service';
import { LeadConverted } from '../domain/lead.events';
import { ClientRegistration } from './client-registration';

/**
 * LeadConverted -> RegisterClient. convertLead already does this inline; this subscriber makes
 * sure it happens even if the process stopped between the two appends. Registration is
 * idempotent, so running both, or replaying, registers each client once.
 */
@Injectable()
export class LeadConversionProcessManager implements OnModuleInit {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly registration: ClientRegistration,
  ) {}

  onModuleInit() {
    this.projections.register({
      name: 'crm.lead-conversion.process-manager',
      handles: ['LeadConverted'],
      tables: [],
      applyBatch: async (_tx, events) => {
        for (const event of events) {
          const { leadId, clientId } = (event as unknown as LeadConverted).data;
          await this.registration.registerFromConvertedLead(leadId, clientId, event.id, contextFromEvent(event));
        }
      },
    });
  }
}
