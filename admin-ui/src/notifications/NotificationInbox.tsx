import { Chip } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { BooleanInput, Datagrid, DateField, FunctionField, List, SelectInput, TextField, useTranslate, type RaRecord } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { AppNotification } from './documents';
import { markRead, routeOf } from './notificationStream';
import { NOTIFICATION_TYPES, typeLabel } from './types';

const filters = [
  <BooleanInput key="unread" source="unread" label="annals.notifications.unread_only" alwaysOn />,
  <SelectInput
    key="type"
    source="type"
    label="annals.notifications.type"
    alwaysOn
    emptyText="annals.notifications.all_types"
    choices={NOTIFICATION_TYPES.map((type) => ({ id: type, name: typeLabel(type) }))}
  />,
];

/** Every notification of the signed-in user, newest first; a click opens the record and marks it read. */
export const NotificationInbox = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const open = (_id: unknown, _resource: string, record: RaRecord) => {
    const notification = record as unknown as AppNotification;
    if (!notification.readAt) void markRead(notification.id).then(() => queryClient.invalidateQueries({ queryKey: ['notifications'] }));
    navigate(routeOf(notification.link));
    return false as const;
  };
  return (
    <List
      resource="notifications"
      filters={filters}
      perPage={25}
      sort={{ field: 'createdAt', order: 'DESC' }}
      title="annals.notifications.inbox"
      exporter={false}
    >
      <Datagrid rowClick={open} bulkActionButtons={false} data-testid="notification-inbox">
        <FunctionField
          label="annals.notifications.state"
          sortable={false}
          render={(n: AppNotification) => (
            <Chip
              size="small"
              color={n.readAt ? 'default' : 'primary'}
              label={translate(n.readAt ? 'annals.notifications.read' : 'annals.notifications.unread')}
            />
          )}
        />
        <FunctionField label="annals.notifications.type" sortable={false} render={(n: AppNotification) => translate(typeLabel(n.type))} />
        <TextField source="title" label="annals.notifications.title" sortable={false} />
        <TextField source="body" label="annals.notifications.body" sortable={false} />
        <DateField source="createdAt" label="annals.notifications.created_at" showTime sortable={false} />
      </Datagrid>
    </List>
  );
};
