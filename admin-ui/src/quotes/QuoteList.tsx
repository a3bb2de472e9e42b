import {
  AutocompleteInput,
  CreateButton,
  Datagrid,
  ExportButton,
  FunctionField,
  List,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import type { Quote } from '../dataProvider';
import { DayField, HumanDateField } from '../HumanDateField';
import { MoneyField } from '../MoneyField';
import { SELLERS, useHasRole } from '../roles';
import { QuoteStatusChip, quoteStatusChoices } from './QuoteStatusChip';

const useQuoteFilters = () => {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('resources.quotes.search_placeholder')} sx={{ minWidth: 280 }} />,
    <SelectInput key="status" source="status" choices={quoteStatusChoices} alwaysOn emptyText="annals.all_statuses" />,
    <ReferenceInput key="clientId" source="clientId" reference="clients" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
      <AutocompleteInput label="resources.quotes.fields.clientId" sx={{ minWidth: 240 }} />
    </ReferenceInput>,
  ];
};

const QuoteListActions = () => (
  <TopToolbar>
    {useHasRole(SELLERS) ? <CreateButton /> : null}
    <ExportButton maxResults={500} />
  </TopToolbar>
);

export const QuoteList = () => (
  <List filters={useQuoteFilters()} actions={<QuoteListActions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="clientName" sortable={false} sx={{ fontWeight: 500 }} />
      <FunctionField
        source="lines"
        sortable={false}
        render={(quote: Quote) => quote.lines.map((line) => line.description).join(', ')}
        sx={{ display: 'inline-block', verticalAlign: 'middle', maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
      />
      <MoneyField source="total" textAlign="right" />
      <QuoteStatusChip source="status" label="resources.quotes.fields.status" />
      <DayField source="validUntil" emptyText="—" />
      <HumanDateField source="createdAt" />
    </Datagrid>
  </List>
);
