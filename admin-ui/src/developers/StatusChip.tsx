import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

const colors: Record<string, 'success' | 'warning' | 'error' | 'default' | 'info'> = {
  ACTIVE: 'success',
  SUCCEEDED: 'success',
  FAILING: 'warning',
  RETRYING: 'warning',
  PENDING: 'info',
  DISABLED: 'default',
  FAILED: 'error',
};

/** An endpoint's or delivery's status, coloured. */
export const StatusChip = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext<Record<string, string>>();
  const translate = useTranslate();
  const status = record?.[source];
  if (!status) return null;
  return <Chip size="small" color={colors[status] ?? 'default'} label={translate(`annals.developers.status.${status}`)} data-status={status} />;
};
