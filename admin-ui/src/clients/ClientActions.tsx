import ArchiveIcon from '@mui/icons-material/Archive';
import DeleteIcon from '@mui/icons-material/Delete';
import EditLocationIcon from '@mui/icons-material/EditLocationAlt';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import UnarchiveIcon from '@mui/icons-material/Unarchive';
import { CommandButton } from '../CommandButton';
import { ADD_CONTACT, ARCHIVE_CLIENT, REMOVE_CONTACT, RESTORE_CLIENT, SET_CLIENT_ADDRESS } from '../commands';
import type { Client } from '../records';

export const ArchiveButton = () => (
  <CommandButton<Client>
    command="archiveClient"
    document={ARCHIVE_CLIENT}
    variables={(client, { reason }) => ({ id: client.id, reason: reason?.trim() || null })}
    label="resources.clients.actions.archive"
    icon={<ArchiveIcon />}
    title="resources.clients.archive_dialog.title"
    content="resources.clients.archive_dialog.content"
    fields={[{ name: 'reason', label: 'annals.reason', multiline: true }]}
    success="resources.clients.notifications.archived"
    color="warning"
  />
);

export const RestoreButton = () => (
  <CommandButton<Client>
    command="restoreClient"
    document={RESTORE_CLIENT}
    variables={(client) => ({ id: client.id })}
    label="resources.clients.actions.restore"
    icon={<UnarchiveIcon />}
    success="resources.clients.notifications.restored"
  />
);

export const AddContactButton = () => (
  <CommandButton<Client>
    command="addContact"
    document={ADD_CONTACT}
    variables={(client, { name, email, phone, role }) => ({
      clientId: client.id,
      input: { name: name.trim(), email: email?.trim() || null, phone: phone?.trim() || null, role: role?.trim() || null },
    })}
    label="resources.clients.actions.add_contact"
    icon={<PersonAddIcon />}
    title="resources.clients.contact_dialog.title"
    fields={[
      { name: 'name', label: 'resources.clients.contact.name', required: true },
      { name: 'email', label: 'resources.clients.contact.email' },
      { name: 'phone', label: 'resources.clients.contact.phone' },
      { name: 'role', label: 'resources.clients.contact.role', helperText: 'resources.clients.contact.role_helper' },
    ]}
    success="resources.clients.notifications.contact_added"
  />
);

export const RemoveContactButton = ({ client, contactId, name }: { client: Client; contactId: string; name: string }) => (
  <CommandButton<Client & { contactName: string }>
    command="removeContact"
    document={REMOVE_CONTACT}
    variables={(client) => ({ clientId: client.id, contactId })}
    label="resources.clients.actions.remove_contact"
    icon={<DeleteIcon />}
    title="resources.clients.remove_contact_dialog.title"
    content="resources.clients.remove_contact_dialog.content"
    fields={[]}
    success="resources.clients.notifications.contact_removed"
    color="error"
    variant="text"
    record={{ ...client, contactName: name }}
  />
);

export const SetAddressButton = ({ kind }: { kind: 'BILLING' | 'SHIPPING' }) => {
  const source = kind === 'BILLING' ? 'billingAddress' : 'shippingAddress';
  const initial = (field: 'line1' | 'line2' | 'city' | 'postalCode' | 'country') => (client: Client) => client[source]?.[field] ?? '';
  return (
    <CommandButton<Client>
      command="setClientAddress"
      document={SET_CLIENT_ADDRESS}
      variables={(client, { line1, line2, city, postalCode, country }) => ({
        clientId: client.id,
        kind,
        input: { line1: line1.trim(), line2: line2?.trim() || null, city: city.trim(), postalCode: postalCode.trim(), country: country.trim().toUpperCase() },
      })}
      label={`resources.clients.actions.set_${kind.toLowerCase()}_address`}
      icon={<EditLocationIcon />}
      title={`resources.clients.address_dialog.${kind.toLowerCase()}`}
      fields={[
        { name: 'line1', label: 'resources.clients.address.line1', required: true, initial: initial('line1') },
        { name: 'line2', label: 'resources.clients.address.line2', initial: initial('line2') },
        { name: 'city', label: 'resources.clients.address.city', required: true, initial: initial('city') },
        { name: 'postalCode', label: 'resources.clients.address.postalCode', required: true, initial: initial('postalCode') },
        {
          name: 'country',
          label: 'resources.clients.address.country',
          required: true,
          initial: initial('country'),
          helperText: 'resources.clients.address.country_helper',
        },
      ]}
      success="resources.clients.notifications.address_set"
      variant="text"
    />
  );
};
