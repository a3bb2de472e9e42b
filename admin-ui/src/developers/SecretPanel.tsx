import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, AlertTitle, Box, Button, Typography } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';

/** A signing secret, shown once, with a copy button. */
export const SecretPanel = ({ secret }: { secret: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const copy = async () => {
    await navigator.clipboard?.writeText(secret).catch(() => undefined);
    notify('annals.developers.create.copied', { type: 'info' });
  };
  return (
    <Alert severity="warning" sx={{ my: 2 }}>
      <AlertTitle>{translate('annals.developers.create.secretTitle')}</AlertTitle>
      <Typography variant="body2" gutterBottom>
        {translate('annals.developers.create.secretOnce')}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography component="code" data-testid="webhook-secret" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {secret}
        </Typography>
        <Button size="small" startIcon={<ContentCopyIcon />} onClick={copy}>
          {translate('annals.developers.create.copy')}
        </Button>
      </Box>
    </Alert>
  );
};
