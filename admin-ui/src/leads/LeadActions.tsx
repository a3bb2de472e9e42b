import CheckIcon from '@mui/icons-material/Check';
import BlockIcon from '@mui/icons-material/Block';
import HandshakeIcon from '@mui/icons-material/Handshake';
import { useRedirect } from 'react-admin';
import { CommandButton } from '../CommandButton';
import { CONVERT_LEAD, DISQUALIFY_LEAD, QUALIFY_LEAD } from '../commands';
import type { Client, Lead } from '../records';

export const QualifyButton = ({ record }: { record?: Lead }) => (
  <CommandButton<Lead>
    command="qualifyLead"
    document={QUALIFY_LEAD}
    variables={(lead) => ({ id: lead.id })}
    label="resources.leads.actions.qualify"
    icon={<CheckIcon />}
    success="resources.leads.notifications.qualified"
    record={record}
  />
);

export const DisqualifyButton = ({ record }: { record?: Lead }) => (
  <CommandButton<Lead>
    command="disqualifyLead"
    document={DISQUALIFY_LEAD}
    variables={(lead, { reason }) => ({ id: lead.id, reason: reason.trim() })}
    label="resources.leads.actions.disqualify"
    icon={<BlockIcon />}
    title="resources.leads.disqualify_dialog.title"
    content="resources.leads.disqualify_dialog.content"
    fields={[{ name: 'reason', label: 'resources.leads.disqualify_dialog.reason', required: true, multiline: true }]}
    confirmLabel="resources.leads.disqualify_dialog.confirm"
    success="resources.leads.notifications.disqualified"
    color="error"
    record={record}
  />
);

export const ConvertButton = ({ record }: { record?: Lead }) => {
  const redirect = useRedirect();
  return (
    <CommandButton<Lead, Client>
      command="convertLead"
      document={CONVERT_LEAD}
      variables={(lead) => ({ id: lead.id })}
      label="resources.leads.actions.convert"
      icon={<HandshakeIcon />}
      success={(client) => ['resources.leads.notifications.converted', { name: client.name }]}
      onSuccess={(client) => redirect('show', 'clients', client.id)}
      color="success"
      record={record}
    />
  );
};
