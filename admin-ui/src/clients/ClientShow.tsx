import { Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import {
  CreateButton,
  EditButton,
  Datagrid,
  EmailField,
  Labeled,
  ListButton,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
  type SortPayload,
} from 'react-admin';
import type { ReactNode } from 'react';
import type { Client } from '../dataProvider';
import { RecordTimelineTab } from '../audit';
import { DayField, HumanDateField } from '../HumanDateField';
import { InvoiceStatusChip } from '../invoices/InvoiceStatusChip';
import { MoneyField } from '../MoneyField';
import { OrderStatusChip } from '../orders/OrderStatusChip';
import { QuoteStatusChip } from '../quotes/QuoteStatusChip';
import { SELLERS, useHasRole } from '../roles';
import { allows } from '../CommandButton';
import { ASSIGN_CLIENT_OWNER } from '../commands';
import { AssignOwnerButton } from '../owners';
import { Activities } from '../activities/Activities';
import { AddContactButton, ArchiveButton, RemoveContactButton, RestoreButton, SetAddressButton } from './ClientActions';

/** A quote for this client: the create form opens with the client already picked. */
const NewQuoteButton = () => {
  const client = useRecordContext<Client>();
  const permitted = useHasRole(SELLERS);
  if (!client || !permitted || client.archived) return null;
  return <CreateButton resource="quotes" label="resources.clients.actions.new_quote" state={{ record: { clientId: client.id } }} />;
};

const EditDetailsButton = () => {
  const client = useRecordContext<Client>();
  return allows(client, 'updateClientDetails') ? <EditButton label="resources.clients.actions.edit" /> : null;
};

/** The client's contacts: add one, remove one (each a command the server allows or not). */
const Contacts = () => {
  const translate = useTranslate();
  const client = useRecordContext<Client>();
  if (!client) return null;
  return (
    <Stack spacing={1} sx={{ mb: 3 }} data-testid="contacts">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h3">
          {translate('resources.clients.contacts')}
        </Typography>
        <AddContactButton />
      </Stack>
      {client.contacts.length === 0 ? <Typography color="text.secondary">{translate('resources.clients.no_contacts')}</Typography> : null}
      {client.contacts.map((contact) => (
        <Stack key={contact.id} direction="row" spacing={2} sx={{ alignItems: 'center' }} data-testid="contact">
          <Typography sx={{ fontWeight: 500 }}>{contact.name}</Typography>
          {contact.role ? <Typography color="text.secondary">{contact.role}</Typography> : null}
          {contact.email ? <Typography>{contact.email}</Typography> : null}
          {contact.phone ? <Typography>{contact.phone}</Typography> : null}
          <RemoveContactButton client={client} contactId={contact.id} name={contact.name} />
        </Stack>
      ))}
    </Stack>
  );
};

const Address = ({ kind }: { kind: 'BILLING' | 'SHIPPING' }) => {
  const translate = useTranslate();
  const client = useRecordContext<Client>();
  if (!client) return null;
  const address = kind === 'BILLING' ? client.billingAddress : client.shippingAddress;
  return (
    <Card variant="outlined" sx={{ minWidth: 280 }} data-testid={`address-${kind.toLowerCase()}`}>
      <CardContent>
        <Typography variant="h6" component="h3">
          {translate(`resources.clients.address.${kind.toLowerCase()}`)}
        </Typography>
        {address ? (
          <Typography component="address" sx={{ fontStyle: 'normal', whiteSpace: 'pre-line' }}>
            {[address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country].filter(Boolean).join('\n')}
          </Typography>
        ) : (
          <Typography color="text.secondary">{translate('resources.clients.address.none')}</Typography>
        )}
        <SetAddressButton kind={kind} />
      </CardContent>
    </Card>
  );
};

/** The client's records of another resource (quotes, orders, invoices), newest first. */
const ClientRecords = ({ reference, sort, children }: { reference: string; sort: SortPayload; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <ReferenceManyField reference={reference} target="clientId" sort={sort} perPage={10} pagination={<Pagination rowsPerPageOptions={[10, 25]} />}>
      <Datagrid
        rowClick="show"
        bulkActionButtons={false}
        empty={
          <Typography color="text.secondary">
            {translate('resources.clients.none', { what: translate(`resources.${reference}.name`, { smart_count: 2 }).toLowerCase() })}
          </Typography>
        }
      >
        {children}
      </Datagrid>
    </ReferenceManyField>
  );
};

const ClientHeader = () => {
  const translate = useTranslate();
  const client = useRecordContext<Client>();
  if (!client) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h2" data-testid="client-name">
          {client.name}
        </Typography>
        {client.archived ? <Chip color="warning" label={translate('resources.clients.archived')} data-testid="client-archived" /> : null}
      </Stack>
      {client.company ? <Typography color="text.secondary">{client.company}</Typography> : null}
    </Box>
  );
};

export const ClientShow = () => (
  <Show
    actions={
      <TopToolbar sx={{ gap: 1, alignItems: 'center' }}>
        <ListButton />
        <EditDetailsButton />
        <NewQuoteButton />
        <AssignOwnerButton command="assignClientOwner" document={ASSIGN_CLIENT_OWNER} />
        <ArchiveButton />
        <RestoreButton />
      </TopToolbar>
    }
  >
    <ClientHeader />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="resources.clients.tabs.summary">
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={6}>
          <Stack spacing={2}>
            <Labeled>
              <EmailField source="email" />
            </Labeled>
            <Labeled>
              <TextField source="company" emptyText="—" />
            </Labeled>
            <Labeled>
              <TextField source="phone" emptyText="—" />
            </Labeled>
            <Labeled>
              <TextField source="owner.name" label="resources.clients.fields.owner" emptyText="—" />
            </Labeled>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <ReferenceField source="leadId" reference="leads" link="show" emptyText="resources.clients.no_lead" />
            </Labeled>
            <Labeled>
              <HumanDateField source="createdAt" />
            </Labeled>
            <Labeled>
              <HumanDateField source="lastActivityAt" emptyText="—" />
            </Labeled>
          </Stack>
          <Stack spacing={2} data-testid="client-figures">
            <Labeled>
              <TextField source="orderCount" />
            </Labeled>
            <Labeled>
              <MoneyField source="lifetimeRevenue" />
            </Labeled>
            <Labeled>
              <MoneyField source="openReceivables" />
            </Labeled>
          </Stack>
        </Stack>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.contacts" path="contacts">
        <Contacts />
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <Address kind="BILLING" />
          <Address kind="SHIPPING" />
        </Stack>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.activities" path="activities">
        <Activities subjectType="CLIENT" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.quotes" path="quotes">
        <ClientRecords reference="quotes" sort={{ field: 'createdAt', order: 'DESC' }}>
          <HumanDateField source="createdAt" label="resources.quotes.fields.createdAt" />
          <DayField source="validUntil" label="resources.quotes.fields.validUntil" emptyText="—" />
          <MoneyField source="total" label="resources.quotes.fields.total" />
          <QuoteStatusChip source="status" label="resources.quotes.fields.status" />
        </ClientRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.orders" path="orders">
        <ClientRecords reference="orders" sort={{ field: 'createdAt', order: 'DESC' }}>
          <DayField source="placedOn" label="resources.orders.fields.placedOn" />
          <MoneyField source="total" label="resources.orders.fields.total" />
          <OrderStatusChip source="status" label="resources.orders.fields.status" />
        </ClientRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.invoices" path="invoices">
        <ClientRecords reference="invoices" sort={{ field: 'number', order: 'DESC' }}>
          <TextField source="number" label="resources.invoices.fields.number" />
          <DayField source="dueOn" label="resources.invoices.fields.dueOn" />
          <MoneyField source="total" label="resources.invoices.fields.total" />
          <MoneyField source="balanceDue" label="resources.invoices.fields.balanceDue" />
          <InvoiceStatusChip source="status" label="resources.invoices.fields.status" />
        </ClientRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.history" path="history">
        <RecordTimelineTab entity="client" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
