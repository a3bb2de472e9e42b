import { CreateButton, Datagrid, ExportButton, List, SearchInput, SelectInput, TextField, TopToolbar, useTranslate } from 'react-admin';
import { HumanDateField } from '../HumanDateField';
import { MoneyField } from '../MoneyField';
import { SELLERS, useHasRole } from '../roles';
import { ProductActiveChip } from './ProductActiveChip';

const useProductFilters = () => {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.products.search_placeholder')} sx={{ minWidth: 280 }} />,
    <SelectInput
      key="active"
      source="active"
      alwaysOn
      emptyText="resources.products.all"
      choices={[
        { id: 'true', name: 'resources.products.active' },
        { id: 'false', name: 'resources.products.inactive' },
      ]}
    />,
  ];
};

const ProductListActions = () => (
  <TopToolbar>
    {useHasRole(SELLERS) ? <CreateButton /> : null}
    <ExportButton maxResults={500} />
  </TopToolbar>
);

export const ProductList = () => (
  <List
    filters={useProductFilters()}
    filterDefaultValues={{ active: 'true' }}
    actions={<ProductListActions />}
    sort={{ field: 'sku', order: 'ASC' }}
    perPage={25}
  >
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="sku" sx={{ fontFamily: 'monospace' }} />
      <TextField source="name" sx={{ fontWeight: 500 }} />
      <MoneyField source="unitPrice" textAlign="right" />
      <TextField source="taxRate" sortable={false} />
      <ProductActiveChip source="active" label="resources.products.fields.active" />
      <HumanDateField source="updatedAt" />
    </Datagrid>
  </List>
);
