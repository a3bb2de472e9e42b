import {
  BooleanInput,
  CreateButton,
  Datagrid,
  EmailField,
  ExportButton,
  List,
  ReferenceField,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useGetIdentity,
  useTranslate,
} from 'react-admin';
import type { Identity } from '../authProvider';
import { HumanDateField } from '../HumanDateField';
import { SELLERS, useHasRole } from '../roles';

/** "Assigned to me" as a filter: the owner is the signed-in user. */
export const useAssignedToMeInput = () => {
  const { identity } = useGetIdentity();
  const userId = (identity as Identity | undefined)?.userId;
  return userId ? (
    <BooleanInput
      key="ownerId"
      source="ownerId"
      label="annals.owner.assigned_to_me"
      alwaysOn
      format={(value) => value === userId}
      parse={(checked: boolean) => (checked ? userId : undefined)}
    />
  ) : null;
};

const useClientFilters = () => {
  const translate = useTranslate();
  const mine = useAssignedToMeInput();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('annals.search_placeholder')} sx={{ minWidth: 320 }} />,
    <SelectInput
      key="archived"
      source="archived"
      label="resources.clients.fields.archived"
      alwaysOn
      emptyText="resources.clients.active_only"
      choices={[
        { id: 'false', name: 'resources.clients.active_only' },
        { id: 'true', name: 'resources.clients.archived_only' },
      ]}
    />,
    ...(mine ? [mine] : []),
  ];
};

export const ClientList = () => (
  <List
    filters={useClientFilters()}
    actions={
      <TopToolbar>
        {useHasRole(SELLERS) ? <CreateButton /> : null}
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
      <TextField source="owner.name" label="resources.clients.fields.owner" sortable={false} emptyText="—" />
      <ReferenceField source="leadId" reference="leads" link="show" sortable={false} emptyText="—" />
      <HumanDateField source="createdAt" />
    </Datagrid>
  </List>
);
