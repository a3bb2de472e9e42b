import { Chip } from '@mui/material';
import { CreateButton, Datagrid, DateField, FunctionField, List, SearchInput, SelectInput, TextField, TopToolbar, useTranslate } from 'react-admin';
import { useHasRole } from '../roles';
import { StatusChip } from './StatusChip';

const t = (key: string) => `annals.developers.${key}`;

const Actions = () => <TopToolbar>{useHasRole(['admin']) ? <CreateButton label={t('create.title')} /> : null}</TopToolbar>;

export const EndpointList = () => {
  const translate = useTranslate();
  return (
    <List
      title={translate(t('endpoints'))}
      actions={<Actions />}
      empty={false}
      filters={[
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput
          key="status"
          source="status"
          label={t('fields.status')}
          choices={['ACTIVE', 'FAILING', 'DISABLED'].map((id) => ({ id, name: t(`status.${id}`) }))}
        />,
      ]}
      sort={{ field: 'createdAt', order: 'DESC' }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="url" label={t('fields.url')} sx={{ fontFamily: 'monospace' }} />
        <TextField source="description" label={t('fields.description')} sortable={false} />
        <FunctionField
          label={t('fields.eventTypes')}
          sortable={false}
          render={(record: { eventTypes: string[] }) =>
            record.eventTypes.length === 0 ? (
              <Chip size="small" label="*" />
            ) : (
              record.eventTypes.map((type) => <Chip key={type} size="small" label={type} sx={{ mr: 0.5 }} />)
            )
          }
        />
        <StatusChip source="status" label={t('fields.status')} />
        <DateField source="lastSuccessAt" label={t('fields.lastSuccessAt')} showTime sortable={false} />
        <DateField source="createdAt" label={t('fields.createdAt')} showTime />
      </Datagrid>
    </List>
  );
};
