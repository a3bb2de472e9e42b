import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { leadEvents } from '../../src/crm/domain/crm.events';
import { LeadEvent } from '../../src/crm/domain/lead.events';

export interface LeadRow {
  id: string;
  tenant_id: string;
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  source: string | null;
  status: string;
  client_id: string | null;
  /** The user who owns the lead: its capturer until reassigned. */
  owner_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

export const applyLeadEvent = (row: LeadRow | null, event: Recorded<LeadEvent>): LeadRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  if (event.type === 'LeadCaptured') {
    const { leadId, name, email, company, phone, source } = event.data;
    return {
      id: leadId,
      tenant_id: event.metadata.tenantId,
      name,
      email,
      company,
      phone,
      source,
      status: 'NEW',
      client_id: null,
      owner_id: event.metadata.actorId,
      created_at: event.recordedAt,
      ...touched,
    };
  }
  if (!row) return null; // an event for a lead this model never saw captured: nothing to show
  switch (event.type) {
    case 'LeadQualified':
      return { ...row, status: 'QUALIFIED', ...touched };
    case 'LeadDisqualified':
      return { ...row, status: 'DISQUALIFIED', ...touched };
    case 'LeadConverted':
      return { ...row, status: 'CONVERTED', client_id: event.data.clientId, ...touched };
    case 'LeadOwnerAssigned':
      return { ...row, owner_id: event.data.ownerId, ...touched };
  }
};

export const leadsProjection = rowProjection({
  name: 'crm.leads',
  table: 'crm_leads',
  handles: leadEvents.types,
  creates: leadEvents.select('LeadCaptured'),
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    name: 'text',
    email: 'text',
    company: 'text',
    phone: 'text',
    source: 'text',
    status: 'text',
    client_id: 'uuid',
    owner_id: 'text',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  events: leadEvents,
  key: (event) => event.data.leadId,
  apply: applyLeadEvent,
});
