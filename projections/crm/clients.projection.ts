import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { ClientEvent, ContactDetails, PostalAddress } from '../../src/crm/domain/client.events';
import { clientEvents } from '../../src/crm/domain/crm.events';

export interface ClientRow {
  id: string;
  tenant_id: string;
  name: string;
  email: string;
  company: string | null;
  lead_id: string | null;
  phone: string | null;
  /** The owning user, as registered (version 1 events: the registering actor) or reassigned. */
  owner_id: string | null;
  archived: boolean;
  archived_reason: string | null;
  contacts: ContactDetails[];
  billing_address: PostalAddress | null;
  shipping_address: PostalAddress | null;
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

export const applyClientEvent = (row: ClientRow | null, event: Recorded<ClientEvent>): ClientRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  if (event.type === 'ClientRegistered') {
    const { clientId, name, email, company, leadId, phone, ownerId } = event.data;
    return {
      id: clientId,
      tenant_id: event.metadata.tenantId,
      name,
      email,
      company,
      lead_id: leadId,
      phone: phone ?? null,
      owner_id: ownerId ?? null,
      archived: false,
      archived_reason: null,
      contacts: [],
      billing_address: null,
      shipping_address: null,
      created_at: event.recordedAt,
      ...touched,
    };
  }
  if (!row) return null; // an event for a client this model never saw registered: nothing to show
  switch (event.type) {
    case 'ClientDetailsUpdated': {
      const { name, email, company, phone } = event.data;
      return { ...row, name, email, company, phone, ...touched };
    }
    case 'ClientArchived':
      return { ...row, archived: true, archived_reason: event.data.reason, ...touched };
    case 'ClientRestored':
      return { ...row, archived: false, archived_reason: null, ...touched };
    case 'ContactAdded': {
      const { contactId, name, email, phone, role } = event.data;
      return { ...row, contacts: [...(row.contacts ?? []), { contactId, name, email, phone, role }], ...touched };
    }
    case 'ContactRemoved':
      return { ...row, contacts: (row.contacts ?? []).filter((contact) => contact.contactId !== event.data.contactId), ...touched };
    case 'ClientAddressSet':
      return event.data.kind === 'BILLING'
        ? { ...row, billing_address: event.data.address, ...touched }
        : { ...row, shipping_address: event.data.address, ...touched };
    case 'ClientOwnerAssigned':
      return { ...row, owner_id: event.data.ownerId, ...touched };
  }
};

export const clientsProjection = rowProjection({
  name: 'crm.clients',
  table: 'crm_clients',
  handles: clientEvents.types,
  creates: clientEvents.select('ClientRegistered'),
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    name: 'text',
    email: 'text',
    company: 'text',
    lead_id: 'uuid',
    phone: 'text',
    owner_id: 'text',
    archived: 'boolean',
    archived_reason: 'text',
    contacts: 'jsonb',
    billing_address: 'jsonb',
    shipping_address: 'jsonb',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  events: clientEvents,
  key: (event) => event.data.clientId,
  apply: applyClientEvent,
});
