import { DayField } from '../HumanDateField';
import { AutocompleteInput, Datagrid, ExportButton, List, ReferenceField, ReferenceInput, SelectInput, TextField, TopToolbar } from 'react-admin';
import { MoneyField } from '../MoneyField';
import { InvoiceStatusChip, invoiceStatusChoices } from './InvoiceStatusChip';

const invoiceFilters = [
  <SelectInput key="status" source="status" choices={invoiceStatusChoices} alwaysOn emptyText="annals.all_statuses" />,
  <ReferenceInput key="clientId" source="clientId" reference="clients" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <AutocompleteInput label="resources.invoices.fields.clientId" sx={{ minWidth: 240 }} />
  </ReferenceInput>,
  <SelectInput
    key="overdue"
    source="overdue"
    alwaysOn
    emptyText="resources.invoices.overdue_any"
    choices={[
      { id: 'true', name: 'resources.invoices.overdue_only' },
      { id: 'false', name: 'resources.invoices.not_overdue' },
    ]}
  />,
];

export const InvoiceList = () => (
  <List
    filters={invoiceFilters}
    actions={
      <TopToolbar>
        <ExportButton maxResults={500} />
      </TopToolbar>
    }
    sort={{ field: 'number', order: 'DESC' }}
    perPage={25}
  >
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="number" sx={{ fontFamily: 'monospace', fontWeight: 500 }} />
      <ReferenceField source="clientId" reference="clients" link={false} sortable={false} />
      <DayField source="issuedOn" />
      <DayField source="dueOn" />
      <MoneyField source="total" textAlign="right" />
      <MoneyField source="balanceDue" textAlign="right" />
      <InvoiceStatusChip source="status" label="resources.invoices.fields.status" />
    </Datagrid>
  </List>
);
