import type { Role } from './roles';
import { assertNever, recordDecider } from '../../shared/domain/decider';
import { existing } from '../../shared/domain/guards';
import { IdentityError, IdentityErrorCode } from './identity.error';
import { LoginFailed, UserEvent } from './identity.events';
import { userEvents } from './identity.registry';

export { ROLES } from './roles';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type InviteUser = { type: 'InviteUser'; userId: string; email: string; name: string; role: Role; invitedBy: string; expiresAt: string };
export type RegisterUser = { type: 'RegisterUser'; userId: string; email: string; name: string; role: Role };
export type AcceptInvitation = { type: 'AcceptInvitation'; userId: string; now: string };
export type ChangeUserRole = { type: 'ChangeUserRole'; userId: string; role: Role };
export type DeactivateUser = { type: 'DeactivateUser'; userId: string };
export type ReactivateUser = { type: 'ReactivateUser'; userId: string };
export type ChangePassword = { type: 'ChangePassword'; userId: string; via: 'change' | 'reset' };
export type RequestPasswordReset = { type: 'RequestPasswordReset'; userId: string; expiresAt: string };
export type RecordFailedLogin = { type: 'RecordFailedLogin' } & LoginFailed['data'];
export type UserCommand =
  InviteUser | RegisterUser | AcceptInvitation | ChangeUserRole | DeactivateUser | ReactivateUser | ChangePassword | RequestPasswordReset | RecordFailedLogin;

export type UserStatus = 'INVITED' | 'ACTIVE' | 'DEACTIVATED';
export type User =
  { status: 'NONE' } | { status: UserStatus; id: string; email: string; name: string; role: Role; joined: boolean; invitationExpiresAt: string | null };

export const normaliseEmail = (email: string): string => {
  const normalised = email.trim().toLowerCase();
  if (!EMAIL.test(normalised) || normalised.length > 254)
    throw new IdentityError(IdentityErrorCode.InvalidEmail, `"${email}" is not an email address: write it as name@example.com`);
  return normalised;
};

const newUser = (state: User, command: InviteUser | RegisterUser) => {
  if (state.status !== 'NONE') throw new IdentityError(IdentityErrorCode.UserAlreadyExists, `User ${command.userId} already exists`);
  const name = IdentityError.requiredText(command.name, IdentityErrorCode.NameRequired, 'A user needs a name');
  return { userId: command.userId, email: normaliseEmail(command.email), name, role: command.role };
};

export const decide = (command: UserCommand, state: User): UserEvent[] => {
  switch (command.type) {
    case 'InviteUser':
      return [{ type: 'UserInvited', data: { ...newUser(state, command), invitedBy: command.invitedBy, expiresAt: command.expiresAt } }];
    case 'RegisterUser':
      return [{ type: 'UserRegistered', data: newUser(state, command) }];
    case 'AcceptInvitation': {
      const user = existing(state, 'user', command.userId);
      if (user.status === 'DEACTIVATED')
        throw new IdentityError(IdentityErrorCode.UserDeactivated, 'This account is deactivated; ask an admin to reactivate it');
      if (user.joined || user.status !== 'INVITED')
        throw new IdentityError(IdentityErrorCode.InvitationAlreadyUsed, 'This invitation was already accepted; sign in with your email and password');
      if (user.invitationExpiresAt && user.invitationExpiresAt <= command.now)
        throw new IdentityError(IdentityErrorCode.InvitationExpired, 'This invitation has expired; ask an admin to invite you again');
      return [{ type: 'InvitationAccepted', data: { userId: user.id } }];
    }
    case 'ChangeUserRole': {
      const user = existing(state, 'user', command.userId);
      if (user.role === command.role) return [];
      return [{ type: 'UserRoleChanged', data: { userId: user.id, role: command.role, previousRole: user.role } }];
    }
    case 'DeactivateUser': {
      const user = existing(state, 'user', command.userId);
      if (user.status === 'DEACTIVATED') throw new IdentityError(IdentityErrorCode.UserDeactivated, `${user.email} is already deactivated`);
      return [{ type: 'UserDeactivated', data: { userId: user.id } }];
    }
    case 'ReactivateUser': {
      const user = existing(state, 'user', command.userId);
      if (user.status !== 'DEACTIVATED') throw new IdentityError(IdentityErrorCode.UserNotDeactivated, `${user.email} is not deactivated`);
      return [{ type: 'UserReactivated', data: { userId: user.id } }];
    }
    case 'ChangePassword': {
      const user = active(state, command.userId);
      return [{ type: 'PasswordChanged', data: { userId: user.id, via: command.via } }];
    }
    case 'RequestPasswordReset': {
      const user = active(state, command.userId);
      return [{ type: 'PasswordResetRequested', data: { userId: user.id, expiresAt: command.expiresAt } }];
    }
    case 'RecordFailedLogin': {
      existing(state, 'user', command.userId);
      const { type: _type, ...data } = command;
      return [{ type: 'LoginFailed', data }];
    }
    default:
      return assertNever(command);
  }
};

const active = (state: User, userId: string) => {
  const user = existing(state, 'user', userId);
  if (user.status !== 'ACTIVE')
    throw new IdentityError(IdentityErrorCode.UserNotActive, `${user.email} is ${user.status.toLowerCase()}: only an active user has a password`);
  return user;
};

export const evolve = (state: User, event: UserEvent): User => {
  switch (event.type) {
    case 'UserInvited': {
      const { userId, email, name, role, expiresAt } = event.data;
      return { status: 'INVITED', id: userId, email, name, role, joined: false, invitationExpiresAt: expiresAt };
    }
    case 'UserRegistered': {
      const { userId, email, name, role } = event.data;
      return { status: 'ACTIVE', id: userId, email, name, role, joined: true, invitationExpiresAt: null };
    }
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'InvitationAccepted':
      return { ...state, status: 'ACTIVE', joined: true, invitationExpiresAt: null };
    case 'UserRoleChanged':
      return { ...state, role: event.data.role };
    case 'UserDeactivated':
      return { ...state, status: 'DEACTIVATED' };
    case 'UserReactivated':
      return { ...state, status: state.joined ? 'ACTIVE' : 'INVITED' };
    case 'PasswordChanged':
    case 'PasswordResetRequested':
    case 'LoginFailed':
      return state;
    default:
      return assertNever(event);
  }
};

export const userDecider = recordDecider<Exclude<User, { status: 'NONE' }>, UserCommand, UserEvent>({ events: userEvents, decide, evolve });
