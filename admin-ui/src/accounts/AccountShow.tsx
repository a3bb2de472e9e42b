import { DayField } from '../HumanDateField';
import { Box, Stack, Typography } from '@mui/material';
import {
  Datagrid,
  FunctionField,
  Labeled,
  ListButton,
  Pagination,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Account, JournalEntry } from '../dataProvider';
import { Money, MoneyField } from '../MoneyField';
import { CloseAccountButton, ClosedNotice } from './AccountActions';

const AccountHeader = () => {
  const account = useRecordContext<Account>();
  if (!account) return null;
  return (
    <>
      <Typography variant="h5" component="h2" data-testid="account-name" sx={{ px: 2, pt: 2 }}>
        {account.code} · {account.name}
      </Typography>
      <ClosedNotice />
    </>
  );
};

/** What an entry did to this account: its debit or credit on the account's lines. */
const AmountOnAccount = ({ side, code }: { side: 'debit' | 'credit'; code: string; label?: string }) => (
  <FunctionField<JournalEntry>
    render={(entry) => {
      const sum = entry.lines
        .filter((line) => line.accountCode === code)
        .map((line) => line[side])
        .filter((amount) => amount !== '0.00');
      return sum.length ? sum.map((amount, index) => <Money key={index} amount={amount} currency={entry.currency} />) : null;
    }}
  />
);

const GeneralLedger = () => {
  const translate = useTranslate();
  const account = useRecordContext<Account>();
  if (!account) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="h6">{translate('resources.accounts.general_ledger')}</Typography>
      <ReferenceManyField
        reference="journalEntries"
        target="accountCode"
        source="code"
        sort={{ field: 'date', order: 'DESC' }}
        perPage={25}
        pagination={<Pagination />}
      >
        <Datagrid
          rowClick="show"
          bulkActionButtons={false}
          empty={<Typography color="text.secondary">{translate('resources.accounts.no_entries')}</Typography>}
        >
          <DayField source="date" label="resources.journalEntries.fields.date" />
          <TextField source="memo" label="resources.journalEntries.fields.memo" sortable={false} />
          <AmountOnAccount side="debit" code={account.code} label="resources.journalEntries.lines.debit" />
          <AmountOnAccount side="credit" code={account.code} label="resources.journalEntries.lines.credit" />
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
};

export const AccountShow = () => (
  <Show
    actions={
      <TopToolbar sx={{ gap: 1 }}>
        <ListButton />
        <CloseAccountButton />
      </TopToolbar>
    }
  >
    <AccountHeader />
    <SimpleShowLayout>
      <Stack direction="row" spacing={6}>
        <Labeled>
          <TextField source="type" />
        </Labeled>
        <Labeled>
          <MoneyField source="debit" />
        </Labeled>
        <Labeled>
          <MoneyField source="credit" />
        </Labeled>
        <Labeled>
          <MoneyField source="balance" strong />
        </Labeled>
      </Stack>
      <GeneralLedger />
    </SimpleShowLayout>
  </Show>
);
