import { Alert, Box, Button, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

/** A value shown once (an invitation link, an API key secret), with a copy button. */
export const CopyField = ({ label, value, testId }: { label: string; value: string; testId: string }) => {
  const translate = useTranslate();
  const [copied, setCopied] = useState(false);
  return (
    <Alert severity="success" sx={{ my: 2 }}>
      {label}
      <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
        <TextField value={value} size="small" fullWidth slotProps={{ htmlInput: { readOnly: true, 'data-testid': testId } }} />
        <Button
          variant="outlined"
          onClick={() =>
            void navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {translate(copied ? 'annals.identity.copied' : 'annals.identity.copy')}
        </Button>
      </Box>
    </Alert>
  );
};
