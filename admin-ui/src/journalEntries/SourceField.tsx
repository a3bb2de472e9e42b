import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { JournalEntry } from '../dataProvider';

/** What posted the entry: a billing event (automatic), a reversal, or a person (manual). */
export const SourceField = (_: { source?: string; label?: string; sortable?: boolean }) => {
  const entry = useRecordContext<JournalEntry>();
  const translate = useTranslate();
  if (!entry) return null;
  const kind = entry.sourceType ?? (entry.reversalOf ? 'Reversal' : 'Manual');
  return <Chip size="small" variant={entry.sourceType ? 'filled' : 'outlined'} label={translate(`resources.journalEntries.source.${kind}`, { _: kind })} />;
};
