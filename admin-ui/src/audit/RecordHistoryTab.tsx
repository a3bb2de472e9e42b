import { Box, LinearProgress, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState } from 'react';
import { usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { EventHistory } from '../EventHistory';
import { RecordTimeline } from './RecordTimeline';

/** Who reads a record's field changes and "as known at" (the server answers `changes` to them alone). */
export const AUDITORS = ['admin', 'auditor'] as const;

/**
 * A record page's History tab, the one every show page uses: `<RecordTimelineTab entity="lead" />`.
 * Auditors and admins get the timeline of field changes with the "as known at" picker, and can
 * switch to the raw events; everyone else gets the raw events, as before.
 */
export const RecordTimelineTab = ({ entity }: { entity: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const { permissions, isPending } = usePermissions<string>();
  const [view, setView] = useState<'changes' | 'events'>('changes');
  if (isPending) return <LinearProgress sx={{ my: 2 }} />;
  if (!AUDITORS.some((role) => role === permissions)) return <EventHistory entity={entity} />;
  if (record?.id == null) return null;
  return (
    <Box>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={view}
        onChange={(_event, next: 'changes' | 'events' | null) => next && setView(next)}
        aria-label={translate('annals.audit.timeline.view')}
        sx={{ mb: 2 }}
      >
        <ToggleButton value="changes">{translate('annals.audit.timeline.field_changes')}</ToggleButton>
        <ToggleButton value="events">{translate('annals.audit.timeline.raw_events')}</ToggleButton>
      </ToggleButtonGroup>
      {view === 'changes' ? <RecordTimeline entity={entity} id={String(record.id)} /> : <EventHistory entity={entity} />}
    </Box>
  );
};
