import CancelIcon from '@mui/icons-material/CancelOutlined';
import CheckCircleIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import EditNoteIcon from '@mui/icons-material/EditNote';
import SendIcon from '@mui/icons-material/Send';
import ShoppingCartIcon from '@mui/icons-material/ShoppingCartCheckout';
import { Box, Stack, Typography } from '@mui/material';
import { EditButton, Labeled, ListButton, ReferenceField, Show, TabbedShowLayout, TextField, TopToolbar, useRecordContext, useRedirect } from 'react-admin';
import { SELLERS, useHasRole } from '../roles';
import { CommandButton, DialogCommandButton } from '../CommandButton';
import type { Order, Quote } from '../dataProvider';
import { EventHistory } from '../EventHistory';
import { HumanDateField } from '../HumanDateField';
import { LinesField } from '../LinesField';
import { QuoteStatusChip } from './QuoteStatusChip';
import { OpenRelatedButton } from '../OpenRelatedButton';

const SendButton = () => (
  <CommandButton<Quote, Quote>
    roles={SELLERS}
    label="resources.quotes.actions.send"
    icon={<SendIcon />}
    allowed={(quote) => quote.status === 'DRAFT'}
    run={(dataProvider, quote) => dataProvider.sendQuote(quote.id)}
    success="resources.quotes.notifications.sent"
  />
);

const AcceptButton = () => (
  <CommandButton<Quote, Quote>
    roles={SELLERS}
    label="resources.quotes.actions.accept"
    icon={<CheckCircleIcon />}
    allowed={(quote) => quote.status === 'SENT'}
    run={(dataProvider, quote) => dataProvider.acceptQuote(quote.id)}
    success="resources.quotes.notifications.accepted"
    color="success"
  />
);

const RejectButton = () => (
  <DialogCommandButton<Quote, Quote>
    roles={SELLERS}
    label="resources.quotes.actions.reject"
    icon={<CancelIcon />}
    allowed={(quote) => quote.status === 'SENT'}
    title="resources.quotes.reject_dialog.title"
    content="resources.quotes.reject_dialog.content"
    fields={[{ name: 'reason', label: 'annals.reason', required: true, multiline: true }]}
    run={(dataProvider, quote, { reason }) => dataProvider.rejectQuote(quote.id, reason)}
    success="resources.quotes.notifications.rejected"
    color="error"
  />
);

const PlaceOrderButton = () => {
  const redirect = useRedirect();
  return (
    <CommandButton<Quote, Order>
      roles={SELLERS}
      label="resources.quotes.actions.place_order"
      icon={<ShoppingCartIcon />}
      allowed={(quote) => quote.status === 'ACCEPTED' && !quote.orderId}
      run={(dataProvider, quote) => dataProvider.placeOrder(quote.id)}
      success="resources.quotes.notifications.order_placed"
      onSuccess={(order) => redirect('show', 'orders', order.id)}
      color="success"
    />
  );
};

const ReviseButton = () => {
  const quote = useRecordContext<Quote>();
  const permitted = useHasRole(SELLERS);
  if (!quote || !permitted || (quote.status !== 'DRAFT' && quote.status !== 'SENT')) return null;
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
              <TextField source="validUntil" emptyText="resources.quotes.no_expiry" />
            </Labeled>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <HumanDateField source="createdAt" />
            </Labeled>
            <Labeled>
              <TextField source="sentOn" emptyText="—" />
            </Labeled>
            <Labeled>
              <TextField source="acceptedOn" emptyText="—" />
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
        <EventHistory entity="quote" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
