import { Datagrid, EmailField, ExportButton, List, ReferenceField, SearchInput, TextField, TopToolbar, useTranslate } from 'react-admin';
import { HumanDateField } from '../HumanDateField';

const useClientFilters = () => {
  const translate = useTranslate();
  return [<SearchInput key="q" source="q" alwaysOn placeholder={translate('annals.search_placeholder')} sx={{ minWidth: 320 }} />];
};

export const ClientList = () => (
  <List
    filters={useClientFilters()}
    actions={
      <TopToolbar>
        <ExportButton maxResults={500} />
      </TopToolbar>
    }
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
  >
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" sx={{ fontWeight: 500 }} />
      <TextField source="company" emptyText="—" />
      <EmailField source="email" onClick={(event) => event.stopPropagation()} />
      <ReferenceField source="leadId" reference="leads" link="show" sortable={false} emptyText="—" />
      <HumanDateField source="createdAt" />
    </Datagrid>
  </List>
);
