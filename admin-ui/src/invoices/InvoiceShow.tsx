import { DayField } from '../HumanDateField';
import BlockIcon from '@mui/icons-material/Block';
import PaymentsIcon from '@mui/icons-material/Payments';
import RemoveCircleIcon from '@mui/icons-material/RemoveCircle';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Box, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Labeled, ListButton, ReferenceField, Show, TabbedShowLayout, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { CommandButton } from '../CommandButton';
import { ISSUE_CREDIT_NOTE, RECORD_PAYMENT, SEND_INVOICE, VOID_INVOICE } from '../commands';
import type { Invoice, PaymentMethod } from '../dataProvider';
import { RecordTimelineTab } from '../audit';
import { Money, MoneyField } from '../MoneyField';
import { InvoiceStatusChip } from './InvoiceStatusChip';

const PAYMENT_METHODS: PaymentMethod[] = ['BANK_TRANSFER', 'CARD', 'CASH', 'CHEQUE', 'OTHER'];

const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

const SendButton = () => {
  const invoice = useRecordContext<Invoice>();
  return (
    <CommandButton<Invoice, Invoice>
      label={invoice?.status === 'ISSUED' ? 'resources.invoices.actions.send' : 'resources.invoices.actions.resend'}
      icon={<SendIcon />}
      command="sendInvoice"
      document={SEND_INVOICE}
      variables={(invoice) => ({ id: invoice.id })}
      success="resources.invoices.notifications.sent"
      variant={invoice?.status === 'ISSUED' ? 'contained' : 'outlined'}
    />
  );
};

const RecordPaymentButton = () => (
  <CommandButton<Invoice, Invoice>
    label="resources.invoices.actions.record_payment"
    icon={<PaymentsIcon />}
    title="resources.invoices.payment_dialog.title"
    content="resources.invoices.payment_dialog.content"
    fields={[
      { name: 'amount', label: 'resources.invoices.fields.amount', required: true, initial: (invoice) => invoice.balanceDue },
      {
        name: 'method',
        label: 'resources.invoices.fields.method',
        required: true,
        initial: () => 'BANK_TRANSFER',
        choices: PAYMENT_METHODS.map((id) => ({ id, name: `resources.invoices.method.${id}` })),
      },
      { name: 'reference', label: 'resources.invoices.fields.reference', required: true, helperText: 'resources.invoices.helper.reference' },
      { name: 'receivedOn', label: 'resources.invoices.fields.receivedOn', required: true, type: 'date', initial: today },
    ]}
    command="recordPayment"
    document={RECORD_PAYMENT}
    variables={(invoice, { amount, method, reference, receivedOn }) => ({
      input: { invoiceId: invoice.id, amount: amount.trim(), method, reference: reference.trim(), receivedOn: receivedOn || null },
    })}
    success={(invoice) => [
      invoice.status === 'PAID' ? 'resources.invoices.notifications.paid' : 'resources.invoices.notifications.payment_recorded',
      { number: invoice.number, balance: `${invoice.balanceDue} ${invoice.currency}` },
    ]}
    color="success"
    variant="contained"
  />
);

const IssueCreditNoteButton = () => (
  <CommandButton<Invoice, Invoice>
    label="resources.invoices.actions.issue_credit_note"
    icon={<RemoveCircleIcon />}
    title="resources.invoices.credit_dialog.title"
    content="resources.invoices.credit_dialog.content"
    fields={[
      { name: 'amount', label: 'resources.invoices.fields.amount', required: true },
      { name: 'reason', label: 'annals.reason', required: true, multiline: true },
    ]}
    command="issueCreditNote"
    document={ISSUE_CREDIT_NOTE}
    variables={(invoice, { amount, reason }) => ({ input: { invoiceId: invoice.id, amount: amount.trim(), reason: reason.trim() } })}
    success="resources.invoices.notifications.credited"
  />
);

const VoidButton = () => (
  <CommandButton<Invoice, Invoice>
    label="resources.invoices.actions.void"
    icon={<BlockIcon />}
    title="resources.invoices.void_dialog.title"
    content="resources.invoices.void_dialog.content"
    fields={[{ name: 'reason', label: 'annals.reason', required: true, multiline: true }]}
    command="voidInvoice"
    document={VOID_INVOICE}
    variables={(invoice, { reason }) => ({ id: invoice.id, reason: reason.trim() })}
    success="resources.invoices.notifications.voided"
    color="error"
  />
);

/** Each domain action shows itself only when the invoice's status allows it. */
const InvoiceShowActions = () => (
  <TopToolbar sx={{ gap: 1, alignItems: 'center' }}>
    <ListButton />
    <SendButton />
    <RecordPaymentButton />
    <IssueCreditNoteButton />
    <VoidButton />
  </TopToolbar>
);

const InvoiceHeader = () => {
  const invoice = useRecordContext<Invoice>();
  const translate = useTranslate();
  if (!invoice) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h2" data-testid="invoice-number" sx={{ fontFamily: 'monospace' }}>
          {invoice.number}
        </Typography>
        <InvoiceStatusChip size="medium" />
        <Box sx={{ flex: 1 }} />
        <Box sx={{ textAlign: 'right' }}>
          <Typography variant="caption" color="text.secondary">
            {translate('resources.invoices.fields.balanceDue')}
          </Typography>
          <Typography variant="h5" data-testid="invoice-balance" color={invoice.overdue ? 'error' : undefined}>
            {invoice.balanceDue} {invoice.currency}
          </Typography>
        </Box>
      </Stack>
      {invoice.status === 'VOID' && invoice.voidReason ? (
        <Alert severity="error" variant="outlined" sx={{ mt: 1 }}>
          {translate('resources.invoices.voided_because', { reason: invoice.voidReason, date: invoice.voidedOn ?? '' })}
        </Alert>
      ) : null}
    </Box>
  );
};

const Payments = () => {
  const invoice = useRecordContext<Invoice>();
  const translate = useTranslate();
  if (!invoice) return null;
  if (!invoice.payments.length) return <Typography color="text.secondary">{translate('resources.invoices.no_payments')}</Typography>;
  return (
    <Table size="small" data-testid="payments">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.invoices.fields.receivedOn')}</TableCell>
          <TableCell>{translate('resources.invoices.fields.method')}</TableCell>
          <TableCell>{translate('resources.invoices.fields.reference')}</TableCell>
          <TableCell align="right">{translate('resources.invoices.fields.amount')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {invoice.payments.map((payment) => (
          <TableRow key={payment.id}>
            <TableCell>{payment.receivedOn}</TableCell>
            <TableCell>{translate(`resources.invoices.method.${payment.method}`, { _: payment.method })}</TableCell>
            <TableCell>{payment.reference}</TableCell>
            <TableCell align="right">
              <Money amount={payment.amount} currency={invoice.currency} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const CreditNotes = () => {
  const invoice = useRecordContext<Invoice>();
  const translate = useTranslate();
  if (!invoice) return null;
  if (!invoice.creditNotes.length) return <Typography color="text.secondary">{translate('resources.invoices.no_credit_notes')}</Typography>;
  return (
    <Table size="small" data-testid="credit-notes">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.invoices.fields.issuedOn')}</TableCell>
          <TableCell>{translate('annals.reason')}</TableCell>
          <TableCell align="right">{translate('resources.invoices.fields.net')}</TableCell>
          <TableCell align="right">{translate('resources.invoices.fields.tax')}</TableCell>
          <TableCell align="right">{translate('resources.invoices.fields.amount')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {invoice.creditNotes.map((note) => (
          <TableRow key={note.id}>
            <TableCell>{note.issuedOn}</TableCell>
            <TableCell>{note.reason}</TableCell>
            <TableCell align="right">
              <Money amount={note.net} currency={invoice.currency} />
            </TableCell>
            <TableCell align="right">
              <Money amount={note.tax} currency={invoice.currency} />
            </TableCell>
            <TableCell align="right">
              <Money amount={note.amount} currency={invoice.currency} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const TranslatedHeading = ({ id }: { id: string }) => <>{useTranslate()(id)}</>;

export const InvoiceShow = () => (
  <Show actions={<InvoiceShowActions />}>
    <InvoiceHeader />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="resources.invoices.tabs.summary">
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={6}>
          <Stack spacing={2}>
            <Labeled>
              <ReferenceField source="clientId" reference="clients" link="show" />
            </Labeled>
            <Box data-testid="invoice-order">
              <Labeled>
                <ReferenceField source="orderId" reference="orders" link="show" />
              </Labeled>
            </Box>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <DayField source="issuedOn" />
            </Labeled>
            <Labeled>
              <DayField source="dueOn" />
            </Labeled>
            <Labeled>
              <DayField source="sentOn" emptyText="—" />
            </Labeled>
            <Labeled>
              <DayField source="paidOn" emptyText="—" />
            </Labeled>
          </Stack>
          <Stack spacing={2} sx={{ '& .RaLabeled-label': { textAlign: 'right' }, textAlign: 'right' }}>
            <Labeled>
              <MoneyField source="net" />
            </Labeled>
            <Labeled>
              <MoneyField source="tax" />
            </Labeled>
            <Labeled>
              <MoneyField source="total" strong />
            </Labeled>
          </Stack>
          <Stack spacing={2} sx={{ textAlign: 'right' }}>
            <Labeled>
              <MoneyField source="amountPaid" />
            </Labeled>
            <Labeled>
              <MoneyField source="credited" />
            </Labeled>
            <Labeled>
              <MoneyField source="balanceDue" strong />
            </Labeled>
          </Stack>
        </Stack>
        <Typography variant="h6" sx={{ mt: 3 }}>
          <TranslatedHeading id="resources.invoices.payments" />
        </Typography>
        <Payments />
        <Typography variant="h6" sx={{ mt: 3 }}>
          <TranslatedHeading id="resources.invoices.credit_notes" />
        </Typography>
        <CreditNotes />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.invoices.tabs.history" path="history">
        <RecordTimelineTab entity="invoice" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
