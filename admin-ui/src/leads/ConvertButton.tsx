import HandshakeIcon from '@mui/icons-material/Handshake';
import { CircularProgress } from '@mui/material';
import { Button, useRedirect } from 'react-admin';
import { useLeadCommand } from './useLeadCommand';

/** QUALIFIED -> CONVERTED, registering a client; then opens that client. */
export const ConvertButton = () => {
  const redirect = useRedirect();
  const { lead, mutate, isPending } = useLeadCommand((dataProvider, lead) => dataProvider.convertLead(lead.id), {
    success: (client) => ['resources.leads.notifications.converted', { name: client.name }],
    onSuccess: (client) => redirect('show', 'clients', client.id),
  });
  if (lead?.status !== 'QUALIFIED') return null;
  return (
    <Button label="resources.leads.actions.convert" onClick={() => mutate()} disabled={isPending} variant="contained" color="success">
      {isPending ? <CircularProgress size={16} color="inherit" /> : <HandshakeIcon />}
    </Button>
  );
};
