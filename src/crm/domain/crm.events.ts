import { EventOf, composeRegistries, defineEvents, upcaster } from '../../shared/domain/event-registry';
import { ActivityEvent } from './activity.events';
import { ClientEvent, ClientRegistered, ClientRegisteredV1 } from './client.events';
import { LeadEvent } from './lead.events';

/**
 * Every event CRM stores, registered once: stored name, version and upcasters (the rules are in
 * src/shared/domain/event-registry.ts). Each aggregate's part decodes its own stream for the fold;
 * `crmEvents` joins them for the composition root (src/events.ts).
 */

/**
 * ClientRegistered v1 (stored without a version) left the owner out, or, since phone and owner were
 * added as optional fields, may carry them: a missing owner meant the registering actor and a
 * missing phone meant none. v2 says both explicitly, so no reader keeps its own fallback.
 */
const clientRegisteredV1 = upcaster((data: ClientRegisteredV1['data'], event): ClientRegistered['data'] => ({
  clientId: data.clientId,
  name: data.name,
  email: data.email,
  company: data.company,
  leadId: data.leadId,
  phone: data.phone ?? null,
  ownerId: data.ownerId ?? actorOf(event.metadata),
}));

const actorOf = (metadata: { readonly [key: string]: unknown }): string | null => (typeof metadata.actorId === 'string' ? metadata.actorId : null);

export const leadEvents = defineEvents<LeadEvent>('crm.lead', {
  LeadCaptured: 1,
  LeadQualified: 1,
  LeadDisqualified: 1,
  LeadConverted: 1,
  LeadOwnerAssigned: 1,
});

export const clientEvents = defineEvents<ClientEvent>('crm.client', {
  ClientRegistered: { version: 2, upcasters: [clientRegisteredV1] },
  ClientDetailsUpdated: 1,
  ClientArchived: 1,
  ClientRestored: 1,
  ContactAdded: 1,
  ContactRemoved: 1,
  ClientAddressSet: 1,
  ClientOwnerAssigned: 1,
});

export const activityEvents = defineEvents<ActivityEvent>('crm.activity', {
  ActivityLogged: 1,
  TaskCompleted: 1,
});

export const crmEvents = composeRegistries('crm', leadEvents, clientEvents, activityEvents);

export type CrmEvent = EventOf<typeof crmEvents>;
