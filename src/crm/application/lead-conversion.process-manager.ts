import { Injectable } from '@nestjs/common';
import { contextFromEvent } from '../../shared/command/command-context';
import { eachEvent, reactor } from '../../shared/processing/processor';
import { ReactorProvider } from '../../shared/processing/processors.module';
import { leadEvents } from '../domain/crm.events';
import { ClientRegistration } from './client-registration';

/**
 * LeadConverted -> RegisterClient. convertLead already does this inline; this subscriber makes
 * sure it happens even if the process stopped between the two appends. Registration is
 * idempotent, so running both, or replaying, registers each client once.
 */
@Injectable()
export class LeadConversionProcessManager implements ReactorProvider {
  constructor(private readonly registration: ClientRegistration) {}

  reactor() {
    return reactor(
      eachEvent('crm.lead-conversion.process-manager', ['LeadConverted'], async (event) => {
        const converted = leadEvents.decode(event);
        if (converted.type !== 'LeadConverted') return;
        const { leadId, clientId } = converted.data;
        await this.registration.registerFromConvertedLead(leadId, clientId, event.id, contextFromEvent(event));
      }),
    );
  }
}
