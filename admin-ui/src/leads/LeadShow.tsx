import { EmailField, Labeled, ListButton, ReferenceField, Show, TabbedShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { Box, Stack, Typography } from '@mui/material';
import type { Lead } from '../dataProvider';
import { RecordTimelineTab } from '../audit';
import { HumanDateField } from '../HumanDateField';
import { ConvertButton, DisqualifyButton, QualifyButton } from './LeadActions';
import { LeadStatusChip } from './LeadStatusChip';
import { ASSIGN_LEAD_OWNER } from '../commands';
import { AssignOwnerButton } from '../owners';
import { Activities } from '../activities/Activities';
import { OpenRelatedButton } from '../OpenRelatedButton';

const OpenClientButton = () => <OpenRelatedButton<Lead> resource="clients" idOf={(lead) => lead.clientId} label="resources.leads.actions.open_client" />;

/** Each domain action shows itself only when the lead's status allows it. */
const LeadShowActions = () => (
  <TopToolbar sx={{ gap: 1, alignItems: 'center' }}>
    <ListButton />
    <QualifyButton />
    <DisqualifyButton />
    <ConvertButton />
    <AssignOwnerButton command="assignLeadOwner" document={ASSIGN_LEAD_OWNER} />
    <OpenClientButton />
  </TopToolbar>
);

const LeadHeader = () => {
  const lead = useRecordContext<Lead>();
  if (!lead) return null;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', px: 2, pt: 2 }}>
      <Box>
        <Typography variant="h5" component="h2" data-testid="lead-name">
          {lead.name}
        </Typography>
        {lead.company ? <Typography color="text.secondary">{lead.company}</Typography> : null}
      </Box>
      <LeadStatusChip size="medium" />
    </Stack>
  );
};

export const LeadShow = () => (
  <Show actions={<LeadShowActions />}>
    <LeadHeader />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="resources.leads.tabs.summary">
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={6}>
          <Stack spacing={2}>
            <Labeled>
              <EmailField source="email" />
            </Labeled>
            <Labeled>
              <TextField source="phone" emptyText="—" />
            </Labeled>
            <Labeled>
              <TextField source="company" emptyText="—" />
            </Labeled>
            <Labeled>
              <TextField source="source" emptyText="—" />
            </Labeled>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <HumanDateField source="createdAt" />
            </Labeled>
            <Labeled>
              <HumanDateField source="updatedAt" />
            </Labeled>
            <Labeled>
              <ReferenceField source="clientId" reference="clients" link="show" emptyText="—" />
            </Labeled>
            <Labeled>
              <TextField source="owner.name" label="resources.leads.fields.owner" emptyText="—" />
            </Labeled>
          </Stack>
        </Stack>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.leads.tabs.activities" path="activities">
        <Activities subjectType="LEAD" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.leads.tabs.history" path="history">
        <RecordTimelineTab entity="lead" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
