import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Lead, LeadStatus } from '../dataProvider';

export const LEAD_STATUSES: LeadStatus[] = ['NEW', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED'];

const COLOURS: Record<LeadStatus, ChipProps['color']> = {
  NEW: 'info',
  QUALIFIED: 'warning',
  CONVERTED: 'success',
  DISQUALIFIED: 'default',
};

/** Datagrid reads `source` (for sorting) and `label` (for the header) from its children's props. */
export const LeadStatusChip = ({ size = 'small' }: { source?: string; label?: string; size?: ChipProps['size'] }) => {
  const record = useRecordContext<Lead>();
  const translate = useTranslate();
  if (!record?.status) return null;
  return (
    <Chip
      data-testid="lead-status"
      data-status={record.status}
      size={size}
      color={COLOURS[record.status] ?? 'default'}
      variant={record.status === 'DISQUALIFIED' ? 'outlined' : 'filled'}
      label={translate(`resources.leads.status.${record.status}`, { _: record.status })}
      sx={{ fontWeight: 600 }}
    />
  );
};

export const leadStatusChoices = LEAD_STATUSES.map((id) => ({ id, name: `resources.leads.status.${id}` }));
