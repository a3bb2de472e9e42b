import { Alert, Box, Chip, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetIdentity, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { Identity } from './authProvider';
import type { AnnalsDataProvider, RecordedEvent } from './dataProvider';
import { fullDate, humanDate } from './HumanDateField';
import { HISTORY } from './queries';

/** JSON scalars may arrive parsed or as strings, depending on how the API declares them. */
const parsed = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/** "LeadQualified" -> "Lead qualified". */
export const humanType = (type: string) => {
  const words = type
    .replace(/\.v\d+$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Who caused the event: "you" for the signed-in user, a system actor by name, others by id. */
const actorOf = (metadata: unknown, me: Identity | undefined): string | undefined => {
  const m = parsed(metadata) as Record<string, unknown> | null;
  if (!m || typeof m !== 'object') return undefined;
  const actor = m.actorId ?? m.actor ?? m.userId;
  if (actor == null) return undefined;
  if (me && actor === me.userId) return me.email;
  return typeof actor === 'string' ? actor : JSON.stringify(actor);
};

/** The payload without the ids the page already shows. */
const dataSummary = (data: unknown) => {
  const d = parsed(data);
  if (!d || typeof d !== 'object') return d == null ? '' : String(d);
  const entries = Object.entries(d as Record<string, unknown>).filter(([key, value]) => value !== null && !/^(lead|client)Id$/.test(key));
  return entries.map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`).join(' · ');
};

/** Every event recorded for one entity, oldest first: what happened, when, and who did it. */
export const EventHistory = ({ entity }: { entity: string }) => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<AnnalsDataProvider>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { identity } = useGetIdentity();
  const { data, error, isPending } = useQuery({
    queryKey: ['history', entity, record?.id],
    queryFn: () => dataProvider.query<RecordedEvent[]>(HISTORY, { entity, id: String(record!.id) }),
    enabled: record?.id != null,
  });

  if (isPending) return <LinearProgress sx={{ my: 2 }} />;
  if (error) return <Alert severity="error">{translate('annals.history.load_error', { message: error.message })}</Alert>;
  if (!data?.length) return <Typography color="text.secondary">{translate('annals.history.empty')}</Typography>;

  const events: RecordedEvent[] = [...data].sort((a, b) => a.revision - b.revision);
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="event-history">
        <TableHead>
          <TableRow>
            <TableCell>{translate('annals.history.revision')}</TableCell>
            <TableCell>{translate('annals.history.event')}</TableCell>
            <TableCell>{translate('annals.history.recorded_at')}</TableCell>
            <TableCell>{translate('annals.history.actor')}</TableCell>
            <TableCell>{translate('annals.history.data')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {events.map((event) => (
            <TableRow key={`${event.revision}-${event.position}`}>
              <TableCell>{event.revision}</TableCell>
              <TableCell>
                <Tooltip title={`${event.type} · position ${event.position}`}>
                  <Chip size="small" variant="outlined" label={humanType(event.type)} />
                </Tooltip>
              </TableCell>
              <TableCell>
                <Tooltip title={fullDate(event.recordedAt, locale)}>
                  <span>{humanDate(event.recordedAt, locale)}</span>
                </Tooltip>
              </TableCell>
              <TableCell>{actorOf(event.metadata, identity as Identity | undefined) ?? '—'}</TableCell>
              <TableCell>
                <Tooltip title={<pre style={{ margin: 0 }}>{JSON.stringify({ data: parsed(event.data), metadata: parsed(event.metadata) }, null, 2)}</pre>}>
                  <Typography variant="body2" sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                    {dataSummary(event.data) || '—'}
                  </Typography>
                </Tooltip>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
