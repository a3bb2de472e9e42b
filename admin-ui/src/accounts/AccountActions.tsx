import LockIcon from '@mui/icons-material/Lock';
import { Alert } from '@mui/material';
import { Create, required, SelectInput, SimpleForm, TextInput, useNotify, useRecordContext, useRedirect, useTranslate } from 'react-admin';
import { CommandButton } from '../CommandButton';
import { CLOSE_ACCOUNT } from '../commands';
import type { Account } from '../records';

export const ACCOUNT_TYPES = ['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'] as const;

/**
 * Closing an account in this ledger: it takes no new postings (manual or automatic), its history and
 * balance stay, and it is never deleted; the accounts automatic postings use cannot be closed.
 */
export const CloseAccountButton = () => (
  <CommandButton<Account>
    command="closeAccount"
    document={CLOSE_ACCOUNT}
    variables={(account) => ({ code: account.code })}
    label="resources.accounts.actions.close"
    icon={<LockIcon />}
    title="resources.accounts.close_dialog.title"
    content="resources.accounts.close_dialog.content"
    fields={[]}
    confirmLabel="resources.accounts.close_dialog.confirm"
    success="resources.accounts.notifications.closed"
    color="warning"
  />
);

/** What closing means, said on the page of a closed account. */
export const ClosedNotice = () => {
  const account = useRecordContext<Account>();
  const translate = useTranslate();
  if (!account || account.open) return null;
  return (
    <Alert severity="info" sx={{ mx: 2, mt: 1 }}>
      {translate('resources.accounts.closed_notice')}
    </Alert>
  );
};

export const AccountCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      title="resources.accounts.create_title"
      mutationOptions={{
        onSuccess: (account: Account) => {
          notify('resources.accounts.notifications.opened', { type: 'success' });
          redirect('show', 'accounts', account.id);
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 560 }}>
        <TextInput source="code" validate={required()} helperText="resources.accounts.helper.code" autoFocus />
        <TextInput source="name" validate={required()} />
        <SelectInput source="type" validate={required()} choices={ACCOUNT_TYPES.map((id) => ({ id, name: `resources.accounts.type.${id}` }))} />
      </SimpleForm>
    </Create>
  );
};
