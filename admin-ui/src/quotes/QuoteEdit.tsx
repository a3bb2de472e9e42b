import { Stack, Typography } from '@mui/material';
import { DateInput, Edit, SaveButton, SimpleForm, Toolbar, useNotify, useRecordContext, useRedirect, useTranslate } from 'react-admin';
import type { Quote } from '../dataProvider';
import { QuoteLinesInput } from './QuoteCreate';

const ReviseHeader = () => {
  const quote = useRecordContext<Quote>();
  const translate = useTranslate();
  if (!quote) return null;
  return (
    <Stack spacing={0.5} sx={{ mb: 2 }}>
      <Typography variant="h6">{quote.clientName ?? quote.clientId}</Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('resources.quotes.revise_help', { revision: quote.revision + 1 })}
      </Typography>
    </Stack>
  );
};

/** reviseQuote: a new revision of a DRAFT or SENT quote, its lines replaced; it is a DRAFT again. */
export const QuoteEdit = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Edit
      title="resources.quotes.revise_title"
      mutationMode="pessimistic"
      redirect={false}
      mutationOptions={{
        onSuccess: (quote: Quote) => {
          notify('resources.quotes.notifications.revised', { type: 'success', messageArgs: { revision: quote.revision } });
          redirect('show', 'quotes', quote.id);
        },
      }}
    >
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton label="resources.quotes.actions.save_revision" />
          </Toolbar>
        }
      >
        <ReviseHeader />
        <DateInput source="validUntil" helperText="resources.quotes.helper.validUntil" sx={{ width: 320 }} />
        <QuoteLinesInput />
      </SimpleForm>
    </Edit>
  );
};
