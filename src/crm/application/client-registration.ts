import { Injectable } from '@nestjs/common';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { CommandContext } from '../../shared/command/command-context';
import { deterministicId } from '../../shared/domain/ids';
import { clientDecider } from '../domain/client';
import { clientStream } from '../domain/client.events';
import { leadDecider } from '../domain/lead';
import { leadStream } from '../domain/lead.events';

/** A converted lead's client has an id fixed by the lead, so registering it twice is impossible. */
export const clientIdForLead = (tenantId: string, leadId: string) => deterministicId(tenantId, 'client-of-lead', leadId);

/**
 * Registers the client a converted lead becomes. Called by convertLead right away and by the
 * lead-conversion process manager as the safety net (a crash between the two appends): the
 * idempotency key derived from the LeadConverted event makes the second call a no-op.
 */
@Injectable()
export class ClientRegistration {
  constructor(private readonly runner: EventSourcedRunner) {}

  async registerFromConvertedLead(leadId: string, clientId: string, leadConvertedEventId: string, context: Omit<CommandContext, 'idempotencyKey'>) {
    const lead = await this.runner.readStream(leadStream(leadId));
    const state = lead.reduce((s, e) => leadDecider.evolve(s, e as never), leadDecider.initialState());
    if (state.status === 'NONE') throw new Error(`lead ${leadId} not found while registering its client`);
    const captured = lead[0].data as { name: string; email: string; company: string | null; phone?: string | null };
    // The client keeps the lead's phone and owner (the capturer unless the lead was reassigned).
    const ownerId = state.ownerId ?? lead[0].metadata.actorId;
    return this.runner.run(
      clientDecider,
      clientStream(clientId),
      { type: 'RegisterClient', clientId, name: captured.name, email: captured.email, company: captured.company, leadId, phone: captured.phone ?? null, ownerId },
      { ...context, causationId: leadConvertedEventId, idempotencyKey: `lead-converted:${leadConvertedEventId}` },
    );
  }
}
