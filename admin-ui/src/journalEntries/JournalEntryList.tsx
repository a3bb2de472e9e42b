import { DayField } from '../HumanDateField';
import { AutocompleteInput, CreateButton, Datagrid, DateInput, ExportButton, List, ReferenceInput, TextField, TopToolbar } from 'react-admin';
import { MoneyField } from '../MoneyField';
import { BILLERS, useHasRole } from '../roles';
import { SourceField } from './SourceField';

const journalEntryFilters = [
  <ReferenceInput key="accountCode" source="accountCode" reference="accounts" sort={{ field: 'code', order: 'ASC' }} alwaysOn>
    <AutocompleteInput label="resources.journalEntries.fields.accountCode" sx={{ minWidth: 240 }} />
  </ReferenceInput>,
  <DateInput key="from" source="from" alwaysOn helperText={false} />,
  <DateInput key="to" source="to" alwaysOn helperText={false} />,
];

const JournalEntryListActions = () => (
  <TopToolbar>
    {useHasRole(BILLERS) ? <CreateButton /> : null}
    <ExportButton maxResults={500} />
  </TopToolbar>
);

export const JournalEntryList = () => (
  <List filters={journalEntryFilters} actions={<JournalEntryListActions />} sort={{ field: 'date', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <DayField source="date" />
      <TextField source="memo" sortable={false} sx={{ fontWeight: 500 }} />
      <SourceField source="sourceType" sortable={false} />
      <MoneyField source="total" textAlign="right" />
      <TextField source="postedBy" sortable={false} />
    </Datagrid>
  </List>
);
