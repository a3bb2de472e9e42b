import { Alert, Box, Chip, Paper, Stack, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useRecordContext, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { KNOWN_AT, RECORD_CHANGES } from './documents';
import { actorLabel, type Actor, shown, toIso } from './audit-types';

type Change = {
  revision: number;
  position: string;
  recordedAt: string;
  type: string;
  actor: Actor;
  correlationId: string | null;
  fields: { field: string; before: unknown; after: unknown }[];
};

/** `datetime-local` value of an instant, in local time. */
const localValue = (iso: string) => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
};

/**
 * A record's history as a timeline of field changes (who, when, before, after), and the record as it
 * was known at a moment picked above it (computed by the server from the log). Reusable: a record's
 * show page can include `<RecordTimeline entity="invoice" id={record.id} />`.
 */
export const RecordTimeline = ({ entity, id }: { entity: string; id: string }) => {
  const translate = useTranslate();
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [knownAt, setKnownAt] = useState('');
  const [asKnown, setAsKnown] = useState<Record<string, unknown> | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    graphql<{ changes: Change[] }>(RECORD_CHANGES, { entity, id }).then(
      (data) => setChanges(data.changes),
      (e: Error) => setError(e.message),
    );
  }, [entity, id]);

  useEffect(() => {
    const document = KNOWN_AT[entity];
    if (!document || !knownAt) return setAsKnown(undefined);
    graphql<{ record: Record<string, unknown> | null }>(document, { id, knownAt: toIso(knownAt) }).then(
      (data) => setAsKnown(data.record),
      (e: Error) => setError(e.message),
    );
  }, [entity, id, knownAt]);

  return (
    <Box data-testid="record-timeline">
      {error ? <Alert severity="error">{error}</Alert> : null}
      {KNOWN_AT[entity] ? (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="subtitle1">{translate('annals.audit.timeline.as_known_at')}</Typography>
            <TextField
              size="small"
              type="datetime-local"
              slotProps={{ htmlInput: { step: 1, 'data-testid': 'known-at-picker' } }}
              value={knownAt}
              onChange={(e) => setKnownAt(e.target.value)}
            />
          </Stack>
          {asKnown === null ? <Typography data-testid="known-at-none">{translate('annals.audit.timeline.not_yet')}</Typography> : null}
          {asKnown ? (
            <Table size="small" data-testid="known-at-record">
              <TableBody>
                {Object.entries(asKnown).map(([field, value]) => (
                  <TableRow key={field}>
                    <TableCell sx={{ width: 200, color: 'text.secondary' }}>{field}</TableCell>
                    <TableCell data-field={field}>{shown(value)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
        </Paper>
      ) : null}
      {(changes ?? []).map((change) => (
        <Paper key={change.position} variant="outlined" sx={{ p: 1.5, mb: 1 }} data-testid="timeline-change">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip size="small" label={`#${change.revision}`} />
            <Typography variant="subtitle2">{change.type}</Typography>
            <Typography variant="body2" color="text.secondary">
              {new Date(change.recordedAt).toLocaleString()} · {actorLabel(change.actor)}
            </Typography>
            <Box sx={{ flex: 1 }} />
            <Typography
              variant="body2"
              component="span"
              sx={{ cursor: 'pointer', textDecoration: 'underline' }}
              onClick={() => setKnownAt(localValue(change.recordedAt))}
            >
              {translate('annals.audit.timeline.show_then')}
            </Typography>
            {change.correlationId ? <Link to={`/audit/thread/${change.correlationId}`}>{translate('annals.audit.log.open_thread')}</Link> : null}
          </Stack>
          <Table size="small">
            <TableBody>
              {change.fields.map((f) => (
                <TableRow key={f.field}>
                  <TableCell sx={{ width: 200 }}>{f.field}</TableCell>
                  <TableCell sx={{ color: 'text.secondary', textDecoration: 'line-through' }}>{shown(f.before)}</TableCell>
                  <TableCell>{shown(f.after)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      ))}
    </Box>
  );
};

/** The timeline of the record in context (a show page's history tab): `<RecordTimelineTab entity="lead" />`. */
export const RecordTimelineTab = ({ entity }: { entity: string }) => {
  const record = useRecordContext();
  return record?.id != null ? <RecordTimeline entity={entity} id={String(record.id)} /> : null;
};
