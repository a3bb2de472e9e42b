import { BooleanField, CreateButton, Datagrid, DateInput, List, TextField, TopToolbar } from 'react-admin';
import { BILLERS, useHasRole } from '../roles';
import { MoneyField } from '../MoneyField';

/** Balances as of a day: empty means today and everything posted since. */
const accountFilters = [<DateInput key="asOf" source="asOf" alwaysOn helperText={false} />];

const AccountListActions = () => <TopToolbar>{useHasRole(BILLERS) ? <CreateButton label="resources.accounts.actions.open" /> : null}</TopToolbar>;

export const AccountList = () => (
  <List filters={accountFilters} actions={<AccountListActions />} sort={{ field: 'code', order: 'ASC' }} perPage={100} pagination={false} exporter={false}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="code" sx={{ fontFamily: 'monospace' }} />
      <TextField source="name" sx={{ fontWeight: 500 }} />
      <TextField source="type" />
      <MoneyField source="debit" sortable={false} textAlign="right" />
      <MoneyField source="credit" sortable={false} textAlign="right" />
      <MoneyField source="balance" sortable={false} textAlign="right" strong />
      <BooleanField source="open" sortable={false} />
    </Datagrid>
  </List>
);
