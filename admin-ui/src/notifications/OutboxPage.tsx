import { Box, Chip, Typography } from '@mui/material';
import { Datagrid, DateField, FunctionField, List, NumberField, TextField, useRecordContext, useTranslate } from 'react-admin';

type OutboxRow = { id: string; status: string; text: string; lastError: string | null };

const colour = (status: string) => (status === 'FAILED' ? 'error' : status === 'PENDING' ? 'warning' : 'default');

/** The body of an email, as it would be (or was meant to be) sent. */
const Body = () => {
  const record = useRecordContext<OutboxRow>();
  if (!record) return null;
  return (
    <Box sx={{ p: 1 }}>
      {record.lastError ? (
        <Typography color="error" variant="body2" sx={{ mb: 1 }}>
          {record.lastError}
        </Typography>
      ) : null}
      <Typography component="pre" variant="body2" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', m: 0 }}>
        {record.text}
      </Typography>
    </Box>
  );
};

/** Admins: the emails kept because no SMTP server is configured, the ones being retried, the failed ones. */
export const OutboxPage = () => {
  const translate = useTranslate();
  return (
    <List resource="outbox" perPage={25} title="annals.notifications.outbox" exporter={false} sort={{ field: 'createdAt', order: 'DESC' }}>
      <Datagrid bulkActionButtons={false} expand={<Body />} data-testid="outbox">
        <DateField source="createdAt" label="annals.notifications.created_at" showTime sortable={false} />
        <TextField source="to" label="annals.notifications.to" sortable={false} />
        <TextField source="subject" label="annals.notifications.subject" sortable={false} />
        <TextField source="kind" label="annals.notifications.kind" sortable={false} />
        <FunctionField
          label="annals.notifications.status"
          sortable={false}
          render={(m: OutboxRow) => <Chip size="small" color={colour(m.status)} label={translate(`annals.notifications.statuses.${m.status}`)} />}
        />
        <NumberField source="attempts" label="annals.notifications.attempts" sortable={false} />
      </Datagrid>
    </List>
  );
};
