import { EventOf, composeRegistries, defineEvents } from '../../shared/domain/event-registry';
import { ApiKeyEvent, TenantEvent, UserEvent } from './identity.events';

/** Every event the identity context stores, registered once (rules in src/shared/domain/event-registry.ts). */
export const userEvents = defineEvents<UserEvent>('identity.user', {
  UserInvited: 1,
  UserRegistered: 1,
  InvitationAccepted: 1,
  UserRoleChanged: 1,
  UserDeactivated: 1,
  UserReactivated: 1,
  PasswordChanged: 1,
  PasswordResetRequested: 1,
  LoginFailed: 1,
});

export const apiKeyEvents = defineEvents<ApiKeyEvent>('identity.api-key', { ApiKeyCreated: 1, ApiKeyRevoked: 1 });

export const tenantEvents = defineEvents<TenantEvent>('identity.tenant', { TenantCreated: 1, TenantSettingsUpdated: 1 });

export const identityEvents = composeRegistries('identity', userEvents, apiKeyEvents, tenantEvents);

export type IdentityEvent = EventOf<typeof identityEvents>;
