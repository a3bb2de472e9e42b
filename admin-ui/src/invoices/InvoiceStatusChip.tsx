import { Chip, Stack, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Invoice, InvoiceStatus } from '../dataProvider';
import { StatusChip, statusChoices } from '../StatusChip';

export const INVOICE_STATUSES: InvoiceStatus[] = ['ISSUED', 'SENT', 'PARTIALLY_PAID', 'PAID', 'VOID'];

const COLOURS: Record<InvoiceStatus, ChipProps['color']> = {
  ISSUED: 'default',
  SENT: 'info',
  PARTIALLY_PAID: 'warning',
  PAID: 'success',
  VOID: 'default',
};

/** The status, and beside it an Overdue badge when the invoice is past due with a balance. */
export const InvoiceStatusChip = (props: { source?: string; label?: string; size?: ChipProps['size'] }) => (
  <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
    <StatusChip colours={COLOURS} outlined={['VOID']} {...props} />
    <OverdueBadge size={props.size} />
  </Stack>
);

export const OverdueBadge = ({ size = 'small' }: { size?: ChipProps['size'] }) => {
  const invoice = useRecordContext<Invoice>();
  const translate = useTranslate();
  if (!invoice?.overdue) return null;
  return <Chip data-testid="invoice-overdue" size={size} color="error" label={translate('resources.invoices.overdue')} sx={{ fontWeight: 600 }} />;
};

export const invoiceStatusChoices = statusChoices('invoices', INVOICE_STATUSES);
