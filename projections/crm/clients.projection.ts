import { RecordedEvent } from '../../src/shared/event-store/event-store.port';
import { rowProjection } from '../../src/shared/projection/projection';
import { ClientEvent } from '../../src/crm/domain/client.events';

export interface ClientRow {
  id: string;
  tenant_id: string;
  name: string;
  email: string;
  company: string | null;
  lead_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

export const applyClientEvent = (row: ClientRow | null, recorded: RecordedEvent): ClientRow | null => {
  const event = recorded as unknown as RecordedEvent & ClientEvent;
  switch (event.type) {
    case 'ClientRegistered': {
      const { clientId, name, email, company, leadId } = event.data;
      return {
        id: clientId,
        tenant_id: recorded.metadata.tenantId,
        name,
        email,
        company,
        lead_id: leadId,
        created_at: recorded.recordedAt,
        updated_at: recorded.recordedAt,
        revision: recorded.revision.toString(),
      };
    }
    default:
      return row;
  }
};

export const clientsProjection = rowProjection<ClientRow>({
  name: 'crm.clients',
  table: 'crm_clients',
  handles: ['ClientRegistered'],
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    name: 'text',
    email: 'text',
    company: 'text',
    lead_id: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  key: (event) => (event.data as { clientId?: string }).clientId ?? null,
  apply: applyClientEvent,
});
