import BlockIcon from '@mui/icons-material/Block';
import CreditCardIcon from '@mui/icons-material/CreditCard';
import CreditCardOffIcon from '@mui/icons-material/CreditCardOff';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { Alert, Box, Stack, Typography } from '@mui/material';
import { Labeled, ListButton, ReferenceField, Show, TabbedShowLayout, TextField, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { CommandButton } from '../CommandButton';
import { AUTHORIZE_PAYMENT, CANCEL_ORDER, CONFIRM_DELIVERY, FAIL_PAYMENT, SHIP_ORDER } from '../commands';
import type { Order } from '../dataProvider';
import { RecordTimelineTab } from '../audit';
import { DayField, HumanDateField } from '../HumanDateField';
import { LinesField } from '../LinesField';
import { OrderStatusChip } from './OrderStatusChip';
import { OpenRelatedButton } from '../OpenRelatedButton';

const AuthorizePaymentButton = () => (
  <CommandButton<Order, Order>
    label="resources.orders.actions.authorize_payment"
    icon={<CreditCardIcon />}
    title="resources.orders.authorize_dialog.title"
    content="resources.orders.authorize_dialog.content"
    fields={[{ name: 'reference', label: 'resources.orders.fields.paymentReference', required: true }]}
    command="authorizePayment"
    document={AUTHORIZE_PAYMENT}
    variables={(order, { reference }) => ({ orderId: order.id, reference: reference.trim() })}
    success="resources.orders.notifications.payment_authorized"
    variant="contained"
  />
);

const FailPaymentButton = () => (
  <CommandButton<Order, Order>
    label="resources.orders.actions.fail_payment"
    icon={<CreditCardOffIcon />}
    title="resources.orders.fail_dialog.title"
    content="resources.orders.fail_dialog.content"
    fields={[{ name: 'reason', label: 'annals.reason', required: true, multiline: true }]}
    command="failPayment"
    document={FAIL_PAYMENT}
    variables={(order, { reason }) => ({ orderId: order.id, reason: reason.trim() })}
    success="resources.orders.notifications.payment_failed"
    color="warning"
  />
);

const ShipButton = () => (
  <CommandButton<Order, Order>
    label="resources.orders.actions.ship"
    icon={<LocalShippingIcon />}
    title="resources.orders.ship_dialog.title"
    content="resources.orders.ship_dialog.content"
    fields={[
      { name: 'carrier', label: 'resources.orders.fields.carrier', required: true },
      { name: 'trackingNumber', label: 'resources.orders.fields.trackingNumber', required: true },
    ]}
    command="shipOrder"
    document={SHIP_ORDER}
    variables={(order, { carrier, trackingNumber }) => ({ orderId: order.id, carrier: carrier.trim(), trackingNumber: trackingNumber.trim() })}
    success="resources.orders.notifications.shipped"
    variant="contained"
  />
);

const ConfirmDeliveryButton = () => (
  <CommandButton<Order, Order>
    label="resources.orders.actions.confirm_delivery"
    icon={<DoneAllIcon />}
    command="confirmDelivery"
    document={CONFIRM_DELIVERY}
    variables={(order) => ({ orderId: order.id })}
    success="resources.orders.notifications.delivered"
    color="success"
  />
);

const CancelButton = () => (
  <CommandButton<Order, Order>
    label="resources.orders.actions.cancel"
    icon={<BlockIcon />}
    title="resources.orders.cancel_dialog.title"
    content="resources.orders.cancel_dialog.content"
    fields={[{ name: 'reason', label: 'annals.reason', required: true, multiline: true }]}
    confirmLabel="resources.orders.cancel_dialog.confirm"
    command="cancelOrder"
    document={CANCEL_ORDER}
    variables={(order, { reason }) => ({ orderId: order.id, reason: reason.trim() })}
    success="resources.orders.notifications.cancelled"
    color="error"
  />
);

const OpenInvoiceButton = () => (
  <OpenRelatedButton<Order>
    resource="invoices"
    idOf={(order) => order.invoiceId}
    label="resources.orders.actions.open_invoice"
    icon={<ReceiptLongIcon />}
    variant="contained"
  />
);

/** Each domain action shows itself only when the order's status allows it. */
const OrderShowActions = () => (
  <TopToolbar sx={{ gap: 1, alignItems: 'center' }}>
    <ListButton />
    <AuthorizePaymentButton />
    <FailPaymentButton />
    <ShipButton />
    <ConfirmDeliveryButton />
    <CancelButton />
    <OpenInvoiceButton />
  </TopToolbar>
);

const OrderHeader = () => {
  const order = useRecordContext<Order>();
  const translate = useTranslate();
  if (!order) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h2" data-testid="order-title">
          {order.clientName ?? order.clientId} · {order.total} {order.currency}
        </Typography>
        <OrderStatusChip size="medium" />
      </Stack>
      {order.status === 'DELIVERED' ? (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="invoice-pending">
          {translate('resources.orders.invoice_pending')}
        </Alert>
      ) : null}
      {order.status === 'PAYMENT_FAILED' && order.paymentFailureReason ? (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {translate('resources.orders.payment_failed_because', { reason: order.paymentFailureReason })}
        </Alert>
      ) : null}
      {order.status === 'CANCELLED' && order.cancelReason ? (
        <Alert severity="error" variant="outlined" sx={{ mt: 1 }}>
          {translate('resources.orders.cancelled_because', { reason: order.cancelReason })}
        </Alert>
      ) : null}
    </Box>
  );
};

/** While the invoicing process manager has yet to issue the invoice, look again every second. */
const refetchWhileInvoicing = (query: { state: { data?: unknown } }) => ((query.state.data as Order | undefined)?.status === 'DELIVERED' ? 1000 : false);

export const OrderShow = () => (
  <Show actions={<OrderShowActions />} queryOptions={{ refetchInterval: refetchWhileInvoicing }}>
    <OrderHeader />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="resources.orders.tabs.summary">
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={6}>
          <Stack spacing={2}>
            <Labeled>
              <ReferenceField source="clientId" reference="clients" link="show" />
            </Labeled>
            <Labeled>
              <ReferenceField source="quoteId" reference="quotes" link="show" />
            </Labeled>
            <Labeled>
              <DayField source="placedOn" />
            </Labeled>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <TextField source="paymentReference" emptyText="—" />
            </Labeled>
            <Labeled>
              <TextField source="carrier" emptyText="—" />
            </Labeled>
            <Labeled>
              <TextField source="trackingNumber" emptyText="—" />
            </Labeled>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <DayField source="shippedOn" emptyText="—" />
            </Labeled>
            <Labeled>
              <DayField source="deliveredOn" emptyText="—" />
            </Labeled>
            <Labeled>
              <ReferenceField source="invoiceId" reference="invoices" link="show" emptyText="—" />
            </Labeled>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <HumanDateField source="updatedAt" />
            </Labeled>
          </Stack>
        </Stack>
        <Box sx={{ mt: 2 }}>
          <LinesField />
        </Box>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.orders.tabs.history" path="history">
        <RecordTimelineTab entity="order" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
