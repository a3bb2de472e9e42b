import { Chip } from '@mui/material';
import { BooleanField, DateField, FunctionField, NumberField, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { DeliveryLog } from './DeliveryLog';
import { EndpointActions } from './EndpointActions';
import { StatusChip } from './StatusChip';

const t = (key: string) => `annals.developers.${key}`;

const Deliveries = () => {
  const record = useRecordContext<{ id: string }>();
  return record ? <DeliveryLog endpointId={record.id} /> : null;
};

/** An endpoint: its settings and health, an admin's buttons, and its delivery log. */
export const EndpointShow = () => (
  <Show
    actions={
      <TopToolbar>
        <EndpointActions />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="url" label={t('fields.url')} sx={{ fontFamily: 'monospace' }} />
      <TextField source="description" label={t('fields.description')} />
      <StatusChip source="status" label={t('fields.status')} />
      <FunctionField
        label={t('fields.eventTypes')}
        render={(record: { eventTypes: string[] }) =>
          record.eventTypes.length === 0 ? '*' : record.eventTypes.map((type) => <Chip key={type} size="small" label={type} sx={{ mr: 0.5 }} />)
        }
      />
      <BooleanField source="orderedBySubject" label={t('fields.orderedBySubject')} />
      <NumberField source="rateLimitPerSecond" label={t('fields.rateLimitPerSecond')} emptyText="—" />
      <DateField source="createdAt" label={t('fields.createdAt')} showTime />
      <DateField source="lastSuccessAt" label={t('fields.lastSuccessAt')} showTime emptyText="—" />
      <DateField source="failingSince" label={t('fields.failingSince')} showTime emptyText="—" />
      <TextField source="disabledReason" label={t('fields.disabledReason')} emptyText="—" />
      <Deliveries />
    </SimpleShowLayout>
  </Show>
);
