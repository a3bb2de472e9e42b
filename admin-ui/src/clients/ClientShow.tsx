import { Box, Stack, Typography } from '@mui/material';
import {
  EmailField,
  Labeled,
  ListButton,
  ReferenceField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import type { Client } from '../dataProvider';
import { EventHistory } from '../EventHistory';
import { HumanDateField } from '../HumanDateField';

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
      <TabbedShowLayout.Tab label="resources.clients.tabs.history" path="history">
        <EventHistory entity="client" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
