import BusinessIcon from '@mui/icons-material/Business';
import KeyIcon from '@mui/icons-material/Key';
import PeopleIcon from '@mui/icons-material/People';
import type { AdminFeature } from '../features';
import { ApiKeysPage } from './ApiKeysPage';
import { en, fr } from './messages';
import { AcceptInvitationPage, ChangePasswordMenuItem, ForgotPasswordPage, ResetPasswordPage } from './PasswordPages';
import { SettingsPage } from './SettingsPage';
import { UsersPage } from './UsersPage';

/** Identity: the organisation's users and invitations, API keys, settings, and each person's password. */
export const identityFeature: AdminFeature = {
  name: 'identity',
  routes: [
    { path: '/identity/users', element: <UsersPage /> },
    { path: '/identity/api-keys', element: <ApiKeysPage /> },
    { path: '/identity/settings', element: <SettingsPage /> },
  ],
  publicRoutes: [
    { path: '/accept-invitation/:token', element: <AcceptInvitationPage /> },
    { path: '/reset-password/:token', element: <ResetPasswordPage /> },
    { path: '/forgot-password', element: <ForgotPasswordPage /> },
  ],
  menu: [
    { to: '/identity/users', label: 'annals.identity.users', icon: <PeopleIcon />, roles: ['admin', 'auditor'] },
    { to: '/identity/api-keys', label: 'annals.identity.apiKeys', icon: <KeyIcon />, roles: ['admin', 'auditor'] },
    { to: '/identity/settings', label: 'annals.identity.settings', icon: <BusinessIcon />, roles: ['admin'] },
  ],
  userMenu: [ChangePasswordMenuItem],
  messages: { en, fr },
};
