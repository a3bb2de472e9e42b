import CancelIcon from '@mui/icons-material/CancelOutlined';
import CheckCircleIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import EditNoteIcon from '@mui/icons-material/EditNote';
import SendIcon from '@mui/icons-material/Send';
import ShoppingCartIcon from '@mui/icons-material/ShoppingCartCheckout';
import { Box, Stack, Typography } from '@mui/material';
import { EditButton, Labeled, ListButton, ReferenceField, Show, TabbedShowLayout, TextField, TopToolbar, useRecordContext, useRedirect } from 'react-admin';
import { allows, CommandButton } from '../CommandButton';
import { ACCEPT_QUOTE, PLACE_ORDER, REJECT_QUOTE, SEND_QUOTE } from '../commands';
import type { Order, Quote } from '../dataProvider';
import { RecordTimelineTab } from '../audit';
import { DayField, HumanDateField } from '../HumanDateField';
import { LinesField } from '../LinesField';
import { QuoteStatusChip } from './QuoteStatusChip';
import { OpenRelatedButton } from '../OpenRelatedButton';

const SendButton = () => (
  <CommandButton<Quote, Quote>
    label="resources.quotes.actions.send"
    icon={<SendIcon />}
    command="sendQuote"
    document={SEND_QUOTE}
    variables={(quote) => ({ id: quote.id })}
    success="resources.quotes.notifications.sent"
  />
);

const AcceptButton = () => (
  <CommandButton<Quote, Quote>
    label="resources.quotes.actions.accept"
    icon={<CheckCircleIcon />}
    command="acceptQuote"
    document={ACCEPT_QUOTE}
    variables={(quote) => ({ id: quote.id })}
    success="resources.quotes.notifications.accepted"
    color="success"
  />
);

const RejectButton = () => (
  <CommandButton<Quote, Quote>
    label="resources.quotes.actions.reject"
    icon={<CancelIcon />}
    title="resources.quotes.reject_dialog.title"
    content="resources.quotes.reject_dialog.content"
    fields={[{ name: 'reason', label: 'annals.reason', required: true, multiline: true }]}
    command="rejectQuote"
    document={REJECT_QUOTE}
    variables={(quote, { reason }) => ({ id: quote.id, reason: reason.trim() })}
    success="resources.quotes.notifications.rejected"
    color="error"
  />
);

const PlaceOrderButton = () => {
  const redirect = useRedirect();
  return (
    <CommandButton<Quote, Order>
      label="resources.quotes.actions.place_order"
      icon={<ShoppingCartIcon />}
      command="placeOrder"
      document={PLACE_ORDER}
      variables={(quote) => ({ quoteId: quote.id })}
      success="resources.quotes.notifications.order_placed"
      onSuccess={(order) => redirect('show', 'orders', order.id)}
      color="success"
    />
  );
};

const ReviseButton = () => {
  const quote = useRecordContext<Quote>();
  if (!allows(quote, 'reviseQuote')) return null;
  return <EditButton label="resources.quotes.actions.revise" icon={<EditNoteIcon />} variant="outlined" />;
};

const OpenOrderButton = () => <OpenRelatedButton<Quote> resource="orders" idOf={(quote) => quote.orderId} label="resources.quotes.actions.open_order" />;

/** Each domain action shows itself only when the quote's status allows it. */
const QuoteShowActions = () => (
  <TopToolbar sx={{ gap: 1, alignItems: 'center' }}>
    <ListButton />
    <ReviseButton />
    <SendButton />
    <AcceptButton />
    <RejectButton />
    <PlaceOrderButton />
    <OpenOrderButton />
  </TopToolbar>
);

const QuoteHeader = () => {
  const quote = useRecordContext<Quote>();
  if (!quote) return null;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', px: 2, pt: 2 }}>
      <Box>
        <Typography variant="h5" component="h2" data-testid="quote-title">
          {quote.clientName ?? quote.clientId} · {quote.total} {quote.currency}
        </Typography>
      </Box>
      <QuoteStatusChip size="medium" />
    </Stack>
  );
};

export const QuoteShow = () => (
  <Show actions={<QuoteShowActions />}>
    <QuoteHeader />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="resources.quotes.tabs.summary">
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={6}>
          <Stack spacing={2}>
            <Labeled>
              <ReferenceField source="clientId" reference="clients" link="show" />
            </Labeled>
            <Labeled>
              <TextField source="revision" />
            </Labeled>
            <Labeled>
              <DayField source="validUntil" emptyText="resources.quotes.no_expiry" />
            </Labeled>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <HumanDateField source="createdAt" />
            </Labeled>
            <Labeled>
              <DayField source="sentOn" emptyText="—" />
            </Labeled>
            <Labeled>
              <DayField source="acceptedOn" emptyText="—" />
            </Labeled>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <TextField source="rejectionReason" emptyText="—" />
            </Labeled>
            <Labeled>
              <ReferenceField source="orderId" reference="orders" link="show" emptyText="—" />
            </Labeled>
          </Stack>
        </Stack>
        <Box sx={{ mt: 2 }}>
          <LinesField />
        </Box>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.quotes.tabs.history" path="history">
        <RecordTimelineTab entity="quote" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
