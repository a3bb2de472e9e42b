import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField as MuiTextField } from '@mui/material';
import { useState } from 'react';
import { useNotify, useRecordContext, useRedirect, useRefresh, useTranslate } from 'react-admin';
import { graphql } from '../graphql';
import { useHasRole } from '../roles';
import { DELETE_WEBHOOK_ENDPOINT, DISABLE_WEBHOOK_ENDPOINT, ENABLE_WEBHOOK_ENDPOINT, ROTATE_WEBHOOK_SECRET, SEND_TEST_WEBHOOK } from './documents';
import { SecretPanel } from './SecretPanel';
import { useCatalogue } from './useCatalogue';

const t = (key: string) => `annals.developers.${key}`;
type Endpoint = { id: string; status: string; eventTypes: string[] };

/** An admin's buttons on an endpoint, each one command, run pessimistically (the server may refuse). */
export const EndpointActions = () => {
  const record = useRecordContext<Endpoint>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const catalogue = useCatalogue();
  const [secret, setSecret] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [testType, setTestType] = useState('');
  const [deleting, setDeleting] = useState(false);
  const admin = useHasRole(['admin']);
  if (!record || !admin) return null;

  const run = async <T,>(document: string, variables: Record<string, unknown>, done?: (data: T) => void) => {
    try {
      const data = await graphql<T>(document, variables);
      done?.(data);
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };

  return (
    <>
      {record.status === 'DISABLED' ? (
        <Button onClick={() => run(ENABLE_WEBHOOK_ENDPOINT, { id: record.id })}>{translate(t('actions.enable'))}</Button>
      ) : (
        <Button onClick={() => run(DISABLE_WEBHOOK_ENDPOINT, { id: record.id })}>{translate(t('actions.disable'))}</Button>
      )}
      <Button
        onClick={() =>
          run<{ rotateWebhookSecret: { secret: string } }>(ROTATE_WEBHOOK_SECRET, { id: record.id }, (d) => setSecret(d.rotateWebhookSecret.secret))
        }
      >
        {translate(t('actions.rotate'))}
      </Button>
      <Button onClick={() => setTesting(true)}>{translate(t('actions.test'))}</Button>
      <Button color="error" onClick={() => setDeleting(true)}>
        {translate(t('actions.delete'))}
      </Button>

      <Dialog open={secret !== null} onClose={() => setSecret(null)}>
        <DialogTitle>{translate(t('actions.rotated'))}</DialogTitle>
        <DialogContent>{secret ? <SecretPanel secret={secret} /> : null}</DialogContent>
        <DialogActions>
          <Button onClick={() => setSecret(null)}>{translate(t('actions.done'))}</Button>
        </DialogActions>
      </Dialog>

      <Dialog open={testing} onClose={() => setTesting(false)} fullWidth>
        <DialogTitle>{translate(t('actions.test'))}</DialogTitle>
        <DialogContent>
          <MuiTextField
            select
            fullWidth
            name="testType"
            label={translate(t('actions.testType'))}
            value={testType}
            onChange={(e) => setTestType(e.target.value)}
            sx={{ mt: 1 }}
          >
            {(catalogue.data ?? []).map((type) => (
              <MenuItem key={type.type} value={type.type}>
                {type.type}
              </MenuItem>
            ))}
          </MuiTextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setTesting(false)}>{translate(t('actions.cancel'))}</Button>
          <Button
            variant="contained"
            disabled={!testType}
            onClick={() =>
              run(SEND_TEST_WEBHOOK, { endpointId: record.id, eventType: testType }, () => {
                setTesting(false);
                notify(t('actions.testSent'), { type: 'info' });
              })
            }
          >
            {translate(t('actions.test'))}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={deleting} onClose={() => setDeleting(false)}>
        <DialogTitle>{translate(t('actions.deleteConfirm'))}</DialogTitle>
        <DialogActions>
          <Button onClick={() => setDeleting(false)}>{translate(t('actions.cancel'))}</Button>
          <Button color="error" variant="contained" onClick={() => run(DELETE_WEBHOOK_ENDPOINT, { id: record.id }, () => redirect('list', 'webhookEndpoints'))}>
            {translate(t('actions.confirm'))}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
