import type { Role } from './roles';

/**
 * Identity events as stored: who was let in, with which role, by whom and when is history too.
 * No password hash and no token is ever stored in the log (they live in the credentials tables);
 * the log says that a password changed, never what it is.
 */
export type UserInvited = {
  type: 'UserInvited';
  data: { userId: string; email: string; name: string; role: Role; invitedBy: string; expiresAt: string };
};
/** A user created active with a password set by the platform (demo seeding), not invited. */
export type UserRegistered = { type: 'UserRegistered'; data: { userId: string; email: string; name: string; role: Role } };
export type InvitationAccepted = { type: 'InvitationAccepted'; data: { userId: string } };
export type UserRoleChanged = { type: 'UserRoleChanged'; data: { userId: string; role: Role; previousRole: Role } };
export type UserDeactivated = { type: 'UserDeactivated'; data: { userId: string } };
export type UserReactivated = { type: 'UserReactivated'; data: { userId: string } };
export type PasswordChanged = { type: 'PasswordChanged'; data: { userId: string; via: 'change' | 'reset' } };
export type PasswordResetRequested = { type: 'PasswordResetRequested'; data: { userId: string; expiresAt: string } };
/** A sign-in with this account's email that failed; the metadata (and the data, for auditors' eyes) say from where. */
export type LoginFailed = {
  type: 'LoginFailed';
  data: { userId: string; email: string; reason: 'WRONG_PASSWORD' | 'DEACTIVATED' | 'NOT_ACCEPTED'; ip: string | null; userAgent: string | null };
};

export type UserEvent =
  | UserInvited
  | UserRegistered
  | InvitationAccepted
  | UserRoleChanged
  | UserDeactivated
  | UserReactivated
  | PasswordChanged
  | PasswordResetRequested
  | LoginFailed;

export type ApiKeyCreated = {
  type: 'ApiKeyCreated';
  data: { apiKeyId: string; name: string; role: Role; prefix: string; expiresAt: string | null; createdBy: string };
};
export type ApiKeyRevoked = { type: 'ApiKeyRevoked'; data: { apiKeyId: string } };
export type ApiKeyEvent = ApiKeyCreated | ApiKeyRevoked;

export type TenantSettings = { name: string; currency: string; paymentTermsDays: number; timeZone: string };
export type TenantCreated = { type: 'TenantCreated'; data: { tenantId: string } & TenantSettings };
export type TenantSettingsUpdated = { type: 'TenantSettingsUpdated'; data: { tenantId: string } & TenantSettings };
export type TenantEvent = TenantCreated | TenantSettingsUpdated;

export const userStream = (userId: string) => `user-${userId}`;
export const apiKeyStream = (apiKeyId: string) => `apikey-${apiKeyId}`;
export const tenantStream = (streamId: string) => `tenant-${streamId}`;
