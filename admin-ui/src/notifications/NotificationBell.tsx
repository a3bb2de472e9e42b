import NotificationsIcon from '@mui/icons-material/Notifications';
import { Badge, Box, Button, Divider, Drawer, IconButton, List, ListItemButton, ListItemText, Tooltip, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { AppNotification } from './documents';
import { markAllRead, markRead, routeOf, useNotificationArrivals, useNotifications } from './notificationStream';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The bell in the app bar: the unread count, live; a click opens the latest ones. */
export const NotificationBell = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { unread, latest, live } = useNotifications();
  const [open, setOpen] = useState(false);

  useNotificationArrivals(
    useCallback(
      (added: AppNotification) => {
        notify(added.title, { type: 'info', autoHideDuration: 5000 });
        void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      },
      [notify, queryClient],
    ),
  );

  const openOne = async (notification: AppNotification) => {
    setOpen(false);
    navigate(routeOf(notification.link));
    if (!notification.readAt) await markRead(notification.id).catch(() => undefined);
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };

  const label = translate('annals.notifications.bell', { smart_count: unread });
  return (
    <>
      <Tooltip title={label}>
        <IconButton color="inherit" onClick={() => setOpen(true)} aria-label={label} data-testid="notification-bell" data-unread={unread} data-live={live}>
          <Badge badgeContent={unread} color="error" max={99}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Drawer anchor="right" open={open} onClose={() => setOpen(false)}>
        <Box sx={{ width: 380, maxWidth: '100vw' }} role="region" aria-label={translate('annals.notifications.latest')} data-testid="notification-drawer">
          <Box sx={{ display: 'flex', alignItems: 'center', p: 2, gap: 1 }}>
            <Typography variant="h6" sx={{ flex: 1 }}>
              {translate('annals.notifications.latest')}
            </Typography>
            <Button
              size="small"
              disabled={unread === 0}
              onClick={() => void markAllRead().then(() => queryClient.invalidateQueries({ queryKey: ['notifications'] }))}
            >
              {translate('annals.notifications.mark_all_read')}
            </Button>
          </Box>
          <Divider />
          {latest.length === 0 ? (
            <Typography sx={{ p: 2 }} color="text.secondary">
              {translate('annals.notifications.empty')}
            </Typography>
          ) : (
            <List dense disablePadding>
              {latest.map((notification) => (
                <ListItemButton key={notification.id} onClick={() => void openOne(notification)} divider data-testid="notification-item">
                  <ListItemText
                    primary={notification.title}
                    secondary={
                      <>
                        {notification.body}
                        <br />
                        {when(notification.createdAt)}
                      </>
                    }
                    slotProps={{ primary: { sx: { fontWeight: notification.readAt ? 400 : 700 } } }}
                  />
                </ListItemButton>
              ))}
            </List>
          )}
          <Divider />
          <Box sx={{ p: 1, display: 'flex', justifyContent: 'space-between' }}>
            <Button
              size="small"
              onClick={() => {
                setOpen(false);
                navigate('/notifications');
              }}
            >
              {translate('annals.notifications.open_inbox')}
            </Button>
            <Button
              size="small"
              onClick={() => {
                setOpen(false);
                navigate('/notification-preferences');
              }}
            >
              {translate('annals.notifications.preferences')}
            </Button>
          </Box>
        </Box>
      </Drawer>
    </>
  );
};
