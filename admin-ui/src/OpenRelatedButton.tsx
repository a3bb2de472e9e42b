import LaunchIcon from '@mui/icons-material/Launch';
import type { ReactElement } from 'react';
import { Button, RaRecord, useRecordContext, useRedirect } from 'react-admin';

/**
 * Opens the record this one leads to (a lead's client, a quote's order, an order's invoice...);
 * shows nothing until there is one.
 */
export const OpenRelatedButton = <R extends RaRecord>({
  resource,
  idOf,
  label,
  icon = <LaunchIcon />,
  variant,
}: {
  resource: string;
  idOf: (record: R) => string | null | undefined;
  label: string;
  icon?: ReactElement;
  variant?: 'text' | 'outlined' | 'contained';
}) => {
  const record = useRecordContext<R>();
  const redirect = useRedirect();
  const id = record ? idOf(record) : null;
  if (!id) return null;
  return (
    <Button label={label} onClick={() => redirect('show', resource, id)} variant={variant}>
      {icon}
    </Button>
  );
};
