import UndoIcon from '@mui/icons-material/Undo';
import { Alert, Box, Stack, Typography } from '@mui/material';
import { Button, Labeled, ListButton, Show, TabbedShowLayout, TopToolbar, useGetIdentity, useRecordContext, useRedirect, useTranslate } from 'react-admin';
import type { Identity } from '../authProvider';
import { CommandButton } from '../CommandButton';
import { REVERSE_JOURNAL_ENTRY } from '../commands';
import type { JournalEntry } from '../dataProvider';
import { RecordTimelineTab } from '../audit';
import { DayField, HumanDateField } from '../HumanDateField';
import { JournalLinesField } from '../JournalLinesField';
import { SourceField } from './SourceField';
import { OpenRelatedButton } from '../OpenRelatedButton';

const INVOICE_SOURCES = ['InvoiceIssued', 'InvoiceVoided'];

const ReverseButton = () => {
  const redirect = useRedirect();
  return (
    <CommandButton<JournalEntry, JournalEntry>
      label="resources.journalEntries.actions.reverse"
      icon={<UndoIcon />}
      title="resources.journalEntries.reverse_dialog.title"
      content="resources.journalEntries.reverse_dialog.content"
      fields={[{ name: 'reason', label: 'annals.reason', required: true, multiline: true }]}
      command="reverseJournalEntry"
      document={REVERSE_JOURNAL_ENTRY}
      variables={(entry, { reason }) => ({ id: entry.id, reason: reason.trim() })}
      success="resources.journalEntries.notifications.reversed"
      onSuccess={(reversal) => redirect('show', 'journalEntries', reversal.id)}
      color="warning"
    />
  );
};

const OpenSourceButton = () => (
  <OpenRelatedButton<JournalEntry>
    resource="invoices"
    idOf={(entry) => (INVOICE_SOURCES.includes(entry.sourceType ?? '') ? entry.sourceId : null)}
    label="resources.journalEntries.actions.open_invoice"
  />
);

const ReversalNotice = () => {
  const entry = useRecordContext<JournalEntry>();
  const translate = useTranslate();
  const redirect = useRedirect();
  if (!entry) return null;
  if (entry.reversedBy)
    return (
      <Alert
        severity="warning"
        sx={{ mt: 1 }}
        action={<Button label="resources.journalEntries.actions.open_reversal" onClick={() => redirect('show', 'journalEntries', entry.reversedBy!)} />}
      >
        {entry.reversalReason
          ? translate('resources.journalEntries.reversed_because', { reason: entry.reversalReason })
          : translate('resources.journalEntries.reversed')}
      </Alert>
    );
  if (entry.reversalOf)
    return (
      <Alert
        severity="info"
        sx={{ mt: 1 }}
        action={<Button label="resources.journalEntries.actions.open_original" onClick={() => redirect('show', 'journalEntries', entry.reversalOf!)} />}
      >
        {entry.reversalReason
          ? translate('resources.journalEntries.reversal_of_because', { reason: entry.reversalReason })
          : translate('resources.journalEntries.reversal_of')}
      </Alert>
    );
  return null;
};

/** The system, the signed-in user by email, anyone else by id. */
const PostedByField = (_: { source?: string }) => {
  const entry = useRecordContext<JournalEntry>();
  const { identity } = useGetIdentity();
  if (!entry) return null;
  const me = identity as Identity | undefined;
  return <Typography variant="body2">{me && entry.postedBy === me.userId ? me.email : entry.postedBy}</Typography>;
};

const JournalEntryHeader = () => {
  const entry = useRecordContext<JournalEntry>();
  if (!entry) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h2" data-testid="journal-entry-memo">
          {entry.memo}
        </Typography>
        <SourceField />
      </Stack>
      <ReversalNotice />
    </Box>
  );
};

export const JournalEntryShow = () => (
  <Show
    actions={
      <TopToolbar sx={{ gap: 1, alignItems: 'center' }}>
        <ListButton />
        <OpenSourceButton />
        <ReverseButton />
      </TopToolbar>
    }
  >
    <JournalEntryHeader />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="resources.journalEntries.tabs.summary">
        <Stack direction="row" spacing={6}>
          <Labeled>
            <DayField source="date" />
          </Labeled>
          <Labeled source="postedBy">
            <PostedByField />
          </Labeled>
          <Labeled>
            <HumanDateField source="postedAt" />
          </Labeled>
        </Stack>
        <JournalLinesField />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.journalEntries.tabs.history" path="history">
        <RecordTimelineTab entity="journalEntry" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
