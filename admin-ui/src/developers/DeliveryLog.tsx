import { Box, Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField as MuiTextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Datagrid, DateField, FunctionField, List, NumberField, TextField, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { useHasRole } from '../roles';
import { REPLAY_WEBHOOK_ENDPOINT, RESEND_WEBHOOK_DELIVERY } from './documents';
import { StatusChip } from './StatusChip';

const t = (key: string) => `annals.developers.${key}`;
type Attempt = { at: string; statusCode: number | null; durationMs: number; responseBody: string | null; error: string | null };
type Delivery = { id: string; payload: string | null; attempts: Attempt[]; test: boolean };

/** One delivery's attempts (status, answer code and body, or why it failed), its payload, and a resend button. */
const DeliveryDetail = () => {
  const record = useRecordContext<Delivery>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const admin = useHasRole(['admin']);
  if (!record) return null;
  const resend = async () => {
    try {
      await graphql(RESEND_WEBHOOK_DELIVERY, { id: record.id });
      notify(t('actions.resent'), { type: 'info' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ p: 1 }} data-testid="delivery-detail">
      <Typography variant="subtitle2">{translate(t('deliveries.attempts'))}</Typography>
      {record.attempts.length === 0 ? (
        <Typography variant="body2">{translate(t('deliveries.none'))}</Typography>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate(t('fields.createdAt'))}</TableCell>
              <TableCell>{translate(t('fields.lastStatusCode'))}</TableCell>
              <TableCell>ms</TableCell>
              <TableCell>{translate(t('deliveries.response'))}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {record.attempts.map((attempt, index) => (
              <TableRow key={index}>
                <TableCell>{new Date(attempt.at).toLocaleString()}</TableCell>
                <TableCell>{attempt.statusCode ?? '—'}</TableCell>
                <TableCell>{attempt.durationMs}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'pre-wrap', maxWidth: 480 }}>{attempt.error ?? attempt.responseBody}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="subtitle2" sx={{ mt: 1 }}>
        {translate(t('deliveries.payload'))}
      </Typography>
      <Box component="pre" sx={{ fontSize: 12, whiteSpace: 'pre-wrap', m: 0 }}>
        {record.payload ? JSON.stringify(JSON.parse(record.payload), null, 2) : '—'}
      </Box>
      {admin ? (
        <Button size="small" onClick={resend} sx={{ mt: 1 }}>
          {translate(t('actions.resend'))}
        </Button>
      ) : null}
    </Box>
  );
};

/** Replays every matching event since a date, with the ids it had the first time. */
const ReplayForm = ({ endpointId }: { endpointId: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [from, setFrom] = useState('');
  if (!useHasRole(['admin'])) return null;
  const replay = async () => {
    try {
      const data = await graphql<{ replayWebhookEndpoint: { deliveries: number } }>(REPLAY_WEBHOOK_ENDPOINT, {
        id: endpointId,
        from: { time: new Date(from).toISOString() },
      });
      notify(t('actions.replayed'), { type: 'info', messageArgs: { count: data.replayWebhookEndpoint.deliveries } });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1, alignItems: 'center' }}>
      <MuiTextField
        size="small"
        type="datetime-local"
        name="replayFrom"
        label={translate(t('actions.replay'))}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <Button variant="outlined" disabled={!from} onClick={replay}>
        {translate(t('actions.replay'))}
      </Button>
    </Stack>
  );
};

/** The endpoint's delivery log, newest first; each row opens on its attempts. */
export const DeliveryLog = ({ endpointId }: { endpointId: string }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="h6">{translate(t('deliveries.title'))}</Typography>
      <ReplayForm endpointId={endpointId} />
      <List
        resource="webhookDeliveries"
        filter={{ endpointId }}
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={25}
        actions={false}
        disableSyncWithLocation
        title=" "
      >
        <Datagrid expand={<DeliveryDetail />} bulkActionButtons={false} rowClick="expand">
          <TextField source="eventType" label={t('fields.eventType')} />
          <StatusChip source="status" label={t('fields.status')} />
          <NumberField source="attemptCount" label={t('fields.attemptCount')} sortable={false} />
          <TextField source="lastStatusCode" label={t('fields.lastStatusCode')} sortable={false} />
          <DateField source="createdAt" label={t('fields.createdAt')} showTime />
          <DateField source="deliveredAt" label={t('fields.deliveredAt')} showTime />
          <FunctionField
            label={t('fields.id')}
            sortable={false}
            render={(r: Delivery) => (
              <Box component="code" sx={{ fontSize: 12 }}>
                {r.id}
                {r.test ? <Chip size="small" label={translate(t('deliveries.test'))} sx={{ ml: 1 }} /> : null}
              </Box>
            )}
          />
        </Datagrid>
      </List>
    </Box>
  );
};
