import { AutocompleteInput, Datagrid, ExportButton, List, ReferenceInput, SelectInput, TextField, TopToolbar } from 'react-admin';
import { DayField, HumanDateField } from '../HumanDateField';
import { MoneyField } from '../MoneyField';
import { OrderStatusChip, orderStatusChoices } from './OrderStatusChip';

const orderFilters = [
  <SelectInput key="status" source="status" choices={orderStatusChoices} alwaysOn emptyText="annals.all_statuses" />,
  <ReferenceInput key="clientId" source="clientId" reference="clients" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <AutocompleteInput label="resources.orders.fields.clientId" sx={{ minWidth: 240 }} />
  </ReferenceInput>,
];

export const OrderList = () => (
  <List
    filters={orderFilters}
    actions={
      <TopToolbar>
        <ExportButton maxResults={500} />
      </TopToolbar>
    }
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
  >
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="clientName" sortable={false} sx={{ fontWeight: 500 }} />
      <DayField source="placedOn" />
      <MoneyField source="total" textAlign="right" />
      <OrderStatusChip source="status" label="resources.orders.fields.status" />
      <TextField source="trackingNumber" sortable={false} emptyText="—" />
      <HumanDateField source="updatedAt" />
    </Datagrid>
  </List>
);
