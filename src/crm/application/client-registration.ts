import { Injectable } from '@nestjs/common';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { CommandContext } from '../../shared/command/command-context';
import { clientIdForLead } from '../public/client-directory';
import { clientDecider } from '../domain/client';
import { clientStream } from '../domain/client.events';
import { leadDecider } from '../domain/lead';
import { leadEvents } from '../domain/crm.events';
import { fold } from '../../shared/domain/decider';
import { leadStream } from '../domain/lead.events';

// Other contexts (the demo orders seed) take it from CRM's public/; CRM's own callers from here.
export { clientIdForLead };

/**
 * Registers the client a converted lead becomes. Called by convertLead right away and by the
 * lead-conversion process manager as the safety net (a crash between the two appends): the
 * idempotency key derived from the LeadConverted event makes the second call a no-op.
 */
@Injectable()
export class ClientRegistration {
  constructor(private readonly runner: EventSourcedRunner) {}

  async registerFromConvertedLead(leadId: string, clientId: string, leadConvertedEventId: string, context: Omit<CommandContext, 'idempotencyKey'>) {
    const lead = leadEvents.decodeAll(await this.runner.readStream(leadStream(leadId)));
    const state = fold(leadDecider, lead);
    const first = lead[0];
    if (state.status === 'NONE' || first.type !== 'LeadCaptured') throw new Error(`lead ${leadId} not found while registering its client`);
    const captured = first.data;
    // The client keeps the lead's phone and owner (the capturer unless the lead was reassigned).
    const ownerId = state.ownerId ?? first.metadata.actorId;
    return this.runner.run(
      clientDecider,
      clientStream(clientId),
      {
        type: 'RegisterClient',
        clientId,
        name: captured.name,
        email: captured.email,
        company: captured.company,
        leadId,
        phone: captured.phone ?? null,
        ownerId,
      },
      { ...context, causationId: leadConvertedEventId, idempotencyKey: `lead-converted:${leadConvertedEventId}` },
    );
  }
}
