import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import { CircularProgress } from '@mui/material';
import { Button } from 'react-admin';
import { useLeadCommand } from './useLeadCommand';

/** NEW -> QUALIFIED. */
export const QualifyButton = () => {
  const { lead, mutate, isPending } = useLeadCommand((dataProvider, lead) => dataProvider.qualifyLead(lead.id), {
    success: 'resources.leads.notifications.qualified',
  });
  if (lead?.status !== 'NEW') return null;
  return (
    <Button label="resources.leads.actions.qualify" onClick={() => mutate()} disabled={isPending} variant="contained" color="primary">
      {isPending ? <CircularProgress size={16} color="inherit" /> : <CheckCircleOutlineIcon />}
    </Button>
  );
};
