import { Box, Stack, Typography } from '@mui/material';
import {
  CreateButton,
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
import { EventHistory } from '../EventHistory';
import { HumanDateField } from '../HumanDateField';
import { InvoiceStatusChip } from '../invoices/InvoiceStatusChip';
import { MoneyField } from '../MoneyField';
import { OrderStatusChip } from '../orders/OrderStatusChip';
import { QuoteStatusChip } from '../quotes/QuoteStatusChip';
import { SELLERS, useHasRole } from '../roles';

/** A quote for this client: the create form opens with the client already picked. */
const NewQuoteButton = () => {
  const client = useRecordContext<Client>();
  const permitted = useHasRole(SELLERS);
  if (!client || !permitted) return null;
  return <CreateButton resource="quotes" label="resources.clients.actions.new_quote" state={{ record: { clientId: client.id } }} />;
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
  const client = useRecordContext<Client>();
  if (!client) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Typography variant="h5" component="h2" data-testid="client-name">
        {client.name}
      </Typography>
      {client.company ? <Typography color="text.secondary">{client.company}</Typography> : null}
    </Box>
  );
};

export const ClientShow = () => (
  <Show
    actions={
      <TopToolbar>
        <ListButton />
        <NewQuoteButton />
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
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <ReferenceField source="leadId" reference="leads" link="show" emptyText="resources.clients.no_lead" />
            </Labeled>
            <Labeled>
              <HumanDateField source="createdAt" />
            </Labeled>
          </Stack>
        </Stack>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.quotes" path="quotes">
        <ClientRecords reference="quotes" sort={{ field: 'createdAt', order: 'DESC' }}>
          <HumanDateField source="createdAt" label="resources.quotes.fields.createdAt" />
          <TextField source="validUntil" label="resources.quotes.fields.validUntil" emptyText="—" />
          <MoneyField source="total" label="resources.quotes.fields.total" />
          <QuoteStatusChip source="status" label="resources.quotes.fields.status" />
        </ClientRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.orders" path="orders">
        <ClientRecords reference="orders" sort={{ field: 'createdAt', order: 'DESC' }}>
          <TextField source="placedOn" label="resources.orders.fields.placedOn" />
          <MoneyField source="total" label="resources.orders.fields.total" />
          <OrderStatusChip source="status" label="resources.orders.fields.status" />
        </ClientRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.invoices" path="invoices">
        <ClientRecords reference="invoices" sort={{ field: 'number', order: 'DESC' }}>
          <TextField source="number" label="resources.invoices.fields.number" />
          <TextField source="dueOn" label="resources.invoices.fields.dueOn" />
          <MoneyField source="total" label="resources.invoices.fields.total" />
          <MoneyField source="balanceDue" label="resources.invoices.fields.balanceDue" />
          <InvoiceStatusChip source="status" label="resources.invoices.fields.status" />
        </ClientRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.clients.tabs.history" path="history">
        <EventHistory entity="client" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
