import InboxIcon from '@mui/icons-material/Inbox';
import OutboxIcon from '@mui/icons-material/Outbox';
import type { AdminFeature } from '../features';
import { notificationsDataProvider } from './dataProvider';
import { en, fr } from './messages';
import { NotificationBell } from './NotificationBell';
import { NotificationInbox } from './NotificationInbox';
import { OutboxPage } from './OutboxPage';
import { PreferencesMenuItem } from './PreferencesMenuItem';
import { PreferencesPage } from './PreferencesPage';

/** Staff notifications: the bell (live), the inbox, the preferences, and the mail outbox for admins. */
export const notificationsFeature: AdminFeature = {
  name: 'notifications',
  resources: {
    notifications: { list: NotificationInbox, icon: InboxIcon, options: { label: 'annals.notifications.inbox' } },
    // Listed from its own page (admins only), not from the menu of resources.
    outbox: {},
  },
  dataProvider: notificationsDataProvider,
  routes: [
    { path: '/notification-preferences', element: <PreferencesPage /> },
    { path: '/outbox', element: <OutboxPage /> },
  ],
  menu: [{ to: '/outbox', label: 'annals.notifications.outbox', icon: <OutboxIcon />, roles: ['admin'] }],
  appBar: [NotificationBell],
  userMenu: [PreferencesMenuItem],
  messages: { en, fr },
};
