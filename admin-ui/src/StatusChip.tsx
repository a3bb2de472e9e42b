import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useResourceContext, useTranslate } from 'react-admin';

export type StatusColours = Record<string, ChipProps['color']>;

/**
 * A record's status, translated (`resources.<resource>.status.<STATUS>`) and coloured.
 * Datagrid reads `source` (for sorting) and `label` (for the header) from its children's props.
 */
export const StatusChip = ({
  colours,
  outlined = [],
  size = 'small',
}: {
  colours: StatusColours;
  outlined?: string[];
  source?: string;
  label?: string;
  sortable?: boolean;
  size?: ChipProps['size'];
}) => {
  const record = useRecordContext();
  const resource = useResourceContext();
  const translate = useTranslate();
  const status = record?.status as string | undefined;
  if (!status) return null;
  return (
    <Chip
      data-testid={`${resource?.replace(/s$/, '')}-status`}
      data-status={status}
      size={size}
      color={colours[status] ?? 'default'}
      variant={outlined.includes(status) ? 'outlined' : 'filled'}
      label={translate(`resources.${resource}.status.${status}`, { _: status })}
      sx={{ fontWeight: 600 }}
    />
  );
};

export const statusChoices = (resource: string, statuses: readonly string[]) => statuses.map((id) => ({ id, name: `resources.${resource}.status.${id}` }));
