import BlockIcon from '@mui/icons-material/Block';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Button, useTranslate } from 'react-admin';
import { useLeadCommand } from './useLeadCommand';

/** NEW -> DISQUALIFIED, with a reason the auditors will read later. */
export const DisqualifyButton = () => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { lead, mutate, isPending } = useLeadCommand((dataProvider, lead) => dataProvider.disqualifyLead(lead.id, reason.trim()), {
    success: 'resources.leads.notifications.disqualified',
    onSuccess: () => setOpen(false),
  });
  if (lead?.status !== 'NEW') return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) mutate();
  };

  return (
    <>
      <Button
        label="resources.leads.actions.disqualify"
        onClick={() => {
          setReason('');
          setOpen(true);
        }}
        color="error"
        variant="outlined"
      >
        <BlockIcon />
      </Button>
      <Dialog open={open} onClose={() => !isPending && setOpen(false)} fullWidth maxWidth="sm">
        <form onSubmit={submit}>
          <DialogTitle>{translate('resources.leads.disqualify_dialog.title', { name: lead.name })}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{translate('resources.leads.disqualify_dialog.content')}</DialogContentText>
            <TextField
              autoFocus
              required
              fullWidth
              multiline
              minRows={2}
              name="reason"
              label={translate('resources.leads.disqualify_dialog.reason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              disabled={isPending}
            />
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} disabled={isPending} />
            <Button type="submit" label="resources.leads.disqualify_dialog.confirm" color="error" variant="contained" disabled={isPending || !reason.trim()}>
              <BlockIcon />
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
