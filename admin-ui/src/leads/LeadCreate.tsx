import { Create, email, maxLength, required, SimpleForm, TextInput, useNotify, useRedirect } from 'react-admin';
import type { Lead } from '../dataProvider';

export const LeadCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      title="resources.leads.create_title"
      mutationOptions={{
        onSuccess: (lead: Lead) => {
          notify('resources.leads.notifications.captured', { type: 'success' });
          redirect('show', 'leads', lead.id);
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 560 }}>
        <TextInput source="name" validate={[required(), maxLength(200)]} autoFocus />
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <TextInput source="company" validate={maxLength(200)} />
        <TextInput source="phone" type="tel" validate={maxLength(50)} />
        <TextInput source="source" validate={maxLength(100)} helperText="resources.leads.helper.source" />
      </SimpleForm>
    </Create>
  );
};
