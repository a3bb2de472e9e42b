import { Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import {
  ArrayInput,
  AutocompleteInput,
  Create,
  DateInput,
  maxLength,
  minLength,
  ReferenceInput,
  regex,
  required,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  useGetIdentity,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import type { Identity } from '../authProvider';
import type { JournalEntry } from '../dataProvider';
import { format, toMinor } from '../decimal';
import { Money } from '../MoneyField';
import { localToday } from '../reports/TrialBalancePage';

const amount = regex(/^\d+(\.\d{1,2})?$/, 'annals.validation.decimal');

/** Debits and credits so far; the server refuses an entry that does not balance. */
const Balance = () => {
  const lines = (useWatch({ name: 'lines' }) ?? []) as { debit?: string; credit?: string }[];
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const currency = (identity as Identity | undefined)?.currency ?? '';
  const sum = (side: 'debit' | 'credit') => lines.reduce((total, line) => total + (toMinor(line?.[side]) ?? 0n), 0n);
  const [debit, credit] = [sum('debit'), sum('credit')];
  return (
    <Stack direction="row" spacing={3} sx={{ alignItems: 'baseline' }} data-testid="entry-balance">
      <Typography variant="body2">
        {translate('resources.journalEntries.lines.debit')} <Money amount={format(debit)} currency={currency} />
      </Typography>
      <Typography variant="body2">
        {translate('resources.journalEntries.lines.credit')} <Money amount={format(credit)} currency={currency} />
      </Typography>
      <Typography variant="body2" color={debit === credit && debit > 0n ? 'success.main' : 'error'} sx={{ fontWeight: 600 }}>
        {translate(debit === credit && debit > 0n ? 'resources.journalEntries.balanced' : 'resources.journalEntries.unbalanced')}
      </Typography>
    </Stack>
  );
};

/** A manual entry: a date, a memo, two lines or more, each a debit or a credit. */
export const JournalEntryCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const [defaultValues] = useState(() => ({ date: localToday(), lines: [{}, {}] }));
  return (
    <Create
      title="resources.journalEntries.create_title"
      mutationOptions={{
        onSuccess: (entry: JournalEntry) => {
          notify('resources.journalEntries.notifications.posted', { type: 'success' });
          redirect('show', 'journalEntries', entry.id);
        },
      }}
    >
      <SimpleForm defaultValues={defaultValues}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%', maxWidth: 900 }}>
          <DateInput source="date" validate={required()} sx={{ width: 200, flexShrink: 0 }} />
          <TextInput source="memo" validate={[required(), maxLength(500)]} sx={{ flex: 1 }} />
        </Stack>
        <ArrayInput source="lines" label="resources.journalEntries.fields.lines" validate={minLength(2, 'resources.journalEntries.validation.lines')}>
          <SimpleFormIterator inline disableReordering>
            <ReferenceInput source="accountCode" reference="accounts" sort={{ field: 'code', order: 'ASC' }} perPage={100}>
              <AutocompleteInput label="resources.journalEntries.lines.account" validate={required()} sx={{ width: 300 }} />
            </ReferenceInput>
            <TextInput source="debit" label="resources.journalEntries.lines.debit" validate={amount} sx={{ width: 140 }} inputMode="decimal" />
            <TextInput source="credit" label="resources.journalEntries.lines.credit" validate={amount} sx={{ width: 140 }} inputMode="decimal" />
          </SimpleFormIterator>
        </ArrayInput>
        <Balance />
      </SimpleForm>
    </Create>
  );
};
