import { Create, Edit, email, maxLength, required, SaveButton, SimpleForm, TextInput, Toolbar, useNotify, useRedirect } from 'react-admin';
import type { Client } from '../records';

const ClientInputs = () => (
  <>
    <TextInput source="name" validate={[required(), maxLength(200)]} autoFocus />
    <TextInput source="email" type="email" validate={[required(), email()]} />
    <TextInput source="company" validate={maxLength(200)} />
    <TextInput source="phone" type="tel" validate={maxLength(50)} />
  </>
);

/** Registers a client directly (without a lead): you become its owner. */
export const ClientCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      title="resources.clients.create_title"
      mutationOptions={{
        onSuccess: (client: Client) => {
          notify('resources.clients.notifications.registered', { type: 'success' });
          redirect('show', 'clients', client.id);
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 560 }}>
        <ClientInputs />
      </SimpleForm>
    </Create>
  );
};

/** Edits the client's details (one command, updateClientDetails); pessimistic like every command. */
export const ClientEdit = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Edit
      title="resources.clients.edit_title"
      mutationMode="pessimistic"
      mutationOptions={{
        onSuccess: (client: Client) => {
          notify('resources.clients.notifications.updated', { type: 'success' });
          redirect('show', 'clients', client.id);
        },
      }}
    >
      {/* A client is archived, never deleted: the form saves, it has no Delete button. */}
      <SimpleForm
        sx={{ maxWidth: 560 }}
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <ClientInputs />
      </SimpleForm>
    </Edit>
  );
};
