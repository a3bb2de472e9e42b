import type { ChipProps } from '@mui/material';
import type { QuoteStatus } from '../dataProvider';
import { StatusChip, statusChoices } from '../StatusChip';

export const QUOTE_STATUSES: QuoteStatus[] = ['DRAFT', 'SENT', 'ACCEPTED', 'REJECTED', 'EXPIRED'];

const COLOURS: Record<QuoteStatus, ChipProps['color']> = {
  DRAFT: 'default',
  SENT: 'info',
  ACCEPTED: 'success',
  REJECTED: 'error',
  EXPIRED: 'warning',
};

export const QuoteStatusChip = (props: { source?: string; label?: string; size?: ChipProps['size'] }) => (
  <StatusChip colours={COLOURS} outlined={['REJECTED', 'EXPIRED']} {...props} />
);

export const quoteStatusChoices = statusChoices('quotes', QUOTE_STATUSES);
