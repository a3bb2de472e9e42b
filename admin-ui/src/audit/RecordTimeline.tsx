import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { useState } from 'react';
import { humanType } from '../EventHistory';
import { graphql } from '../graphql';
import { fullDate } from '../HumanDateField';
import { KNOWN_AT, RECORD_CHANGES } from './documents';
import { type Actor, shown } from './audit-types';

type Change = {
  revision: number;
  position: string;
  recordedAt: string;
  type: string;
  actor: Actor;
  correlationId: string | null;
  fields: { field: string; before: unknown; after: unknown }[];
};

/** `datetime-local` value (local time, to the second) of an instant. */
const localValue = (iso: string) => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
};

/** The instant a `datetime-local` value names (local time), or '' when it is incomplete. */
const instantOf = (local: string) => {
  const date = local ? new Date(local) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Who acted: a person's name (or email), an API key's name, or the system, with its kind. */
const ActorLabel = ({ actor }: { actor: Actor | null }) => {
  const translate = useTranslate();
  if (!actor) return <span>—</span>;
  return (
    <span data-testid="timeline-actor">
      {actor.name ?? actor.email ?? actor.id}
      {actor.kind === 'user' ? null : ` (${translate(`annals.audit.timeline.kind.${actor.kind}`, { _: actor.kind })})`}
    </span>
  );
};

/** The record as the log knew it at `knownAt` (an ISO instant), beside its current values where they differ. */
const KnownAtRecord = ({ entity, id, knownAt }: { entity: string; id: string; knownAt: string }) => {
  const translate = useTranslate();
  const current = useRecordContext();
  const { data, error, isPending } = useQuery({
    queryKey: ['audit', 'knownAt', entity, id, knownAt],
    queryFn: () => graphql<{ record: Record<string, unknown> | null }>(KNOWN_AT[entity], { id, knownAt }).then((answer) => answer.record),
  });
  if (isPending) return <LinearProgress sx={{ my: 1 }} />;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!data) return <Typography data-testid="known-at-none">{translate('annals.audit.timeline.not_yet')}</Typography>;
  const differs = (field: string) => current != null && field in current && !same(current[field], data[field]);
  return (
    <Table size="small" data-testid="known-at-record">
      <TableHead>
        <TableRow>
          <TableCell>{translate('annals.audit.timeline.field')}</TableCell>
          <TableCell>{translate('annals.audit.timeline.then')}</TableCell>
          {current ? <TableCell>{translate('annals.audit.timeline.now')}</TableCell> : null}
        </TableRow>
      </TableHead>
      <TableBody>
        {Object.entries(data).map(([field, value]) => (
          <TableRow key={field} selected={differs(field)}>
            <TableCell sx={{ width: 200, color: 'text.secondary' }}>{field}</TableCell>
            <TableCell data-field={field}>{shown(value)}</TableCell>
            {current ? <TableCell data-now={field}>{differs(field) ? shown(current[field]) : ''}</TableCell> : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/**
 * A record's history as a timeline of field changes (who, when, before, after), and the record as it
 * was known at a moment picked above it (computed by the server from the log). Auditors and admins
 * only (the server answers `changes` to them alone).
 */
export const RecordTimeline = ({ entity, id }: { entity: string; id: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // The exact instant (an event's own recordedAt when picked from the timeline; the picker itself counts in seconds).
  const [knownAt, setKnownAt] = useState('');
  const {
    data: changes,
    error,
    isPending,
  } = useQuery({
    queryKey: ['audit', 'changes', entity, id],
    queryFn: () => graphql<{ changes: Change[] }>(RECORD_CHANGES, { entity, id }).then((answer) => answer.changes),
  });

  return (
    <Box data-testid="record-timeline">
      {KNOWN_AT[entity] ? (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: knownAt ? 1 : 0, flexWrap: 'wrap' }}>
            <TextField
              size="small"
              sx={{ width: 280, flex: 'none' }}
              type="datetime-local"
              label={translate('annals.audit.timeline.as_known_at')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 1, 'data-testid': 'known-at-picker' } }}
              value={knownAt ? localValue(knownAt) : ''}
              onChange={(e) => setKnownAt(instantOf(e.target.value))}
            />
            {knownAt ? (
              <>
                <Typography variant="body2" color="text.secondary" data-testid="known-at-moment">
                  {fullDate(knownAt, locale)}
                </Typography>
                <Button size="small" onClick={() => setKnownAt('')}>
                  {translate('annals.audit.timeline.clear')}
                </Button>
              </>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {translate('annals.audit.timeline.pick_hint')}
              </Typography>
            )}
          </Stack>
          {knownAt ? <KnownAtRecord entity={entity} id={id} knownAt={knownAt} /> : null}
        </Paper>
      ) : null}
      {isPending ? <LinearProgress sx={{ my: 2 }} /> : null}
      {error ? <Alert severity="error">{translate('annals.history.load_error', { message: error.message })}</Alert> : null}
      {changes?.length === 0 ? <Typography color="text.secondary">{translate('annals.history.empty')}</Typography> : null}
      {(changes ?? []).map((change) => (
        <Paper key={change.position} variant="outlined" sx={{ p: 1.5, mb: 1 }} data-testid="timeline-change" data-revision={change.revision}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip size="small" label={`#${change.revision}`} />
            <Tooltip title={`${change.type} · position ${change.position}`}>
              <Typography variant="subtitle2" data-testid="timeline-type">
                {humanType(change.type)}
              </Typography>
            </Tooltip>
            <Typography variant="body2" color="text.secondary">
              <time dateTime={change.recordedAt}>{fullDate(change.recordedAt, locale)}</time> · <ActorLabel actor={change.actor} />
            </Typography>
            <Box sx={{ flex: 1 }} />
            {KNOWN_AT[entity] ? (
              <Button size="small" onClick={() => setKnownAt(change.recordedAt)}>
                {translate('annals.audit.timeline.show_then')}
              </Button>
            ) : null}
            {change.correlationId ? <Link to={`/audit/thread/${change.correlationId}`}>{translate('annals.audit.log.open_thread')}</Link> : null}
          </Stack>
          {change.fields.length ? (
            <Table size="small">
              <TableBody>
                {change.fields.map((f) => (
                  <TableRow key={f.field} data-testid="timeline-field" data-field={f.field}>
                    <TableCell sx={{ width: 200 }}>{f.field}</TableCell>
                    <TableCell sx={{ width: '40%', color: 'text.secondary', textDecoration: f.before == null ? 'none' : 'line-through' }} data-testid="before">
                      {shown(f.before)}
                    </TableCell>
                    <TableCell sx={{ width: 24 }} aria-hidden>
                      →
                    </TableCell>
                    <TableCell data-testid="after">{shown(f.after)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {translate('annals.audit.timeline.no_fields')}
            </Typography>
          )}
        </Paper>
      ))}
    </Box>
  );
};
