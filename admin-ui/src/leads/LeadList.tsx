import { CreateButton, Datagrid, EmailField, ExportButton, List, SearchInput, SelectInput, TextField, TopToolbar, useTranslate } from 'react-admin';
import { Typography } from '@mui/material';
import { HumanDateField } from '../HumanDateField';
import { LeadStatusChip, leadStatusChoices } from './LeadStatusChip';
import { useAssignedToMeInput } from '../clients/ClientList';

const useLeadFilters = () => {
  const translate = useTranslate();
  const mine = useAssignedToMeInput();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('annals.search_placeholder')} sx={{ minWidth: 320 }} />,
    <SelectInput key="status" source="status" choices={leadStatusChoices} alwaysOn emptyText="annals.all_statuses" />,
    ...(mine ? [mine] : []),
  ];
};

const LeadListActions = () => (
  <TopToolbar>
    <CreateButton />
    <ExportButton maxResults={500} />
  </TopToolbar>
);

const Empty = () => {
  const translate = useTranslate();
  return (
    <Typography color="text.secondary" sx={{ p: 3 }}>
      {translate('resources.leads.empty')}
    </Typography>
  );
};

export const LeadList = () => (
  <List filters={useLeadFilters()} actions={<LeadListActions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false} empty={<Empty />}>
      <TextField source="name" sx={{ fontWeight: 500 }} />
      <TextField source="company" emptyText="—" />
      <EmailField source="email" onClick={(event) => event.stopPropagation()} />
      <TextField source="source" emptyText="—" />
      <TextField source="owner.name" label="resources.leads.fields.owner" sortable={false} emptyText="—" />
      <LeadStatusChip source="status" label="resources.leads.fields.status" />
      <HumanDateField source="createdAt" />
    </Datagrid>
  </List>
);
