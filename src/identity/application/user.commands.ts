import type { Role } from '../../shared/auth/caller';
import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
import { CommandEnv } from '../../shared/command/command-spec';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { IdentityError, IdentityErrorCode } from '../domain/identity.error';
import { userStream } from '../domain/identity.events';
import { normaliseEmail, userDecider } from '../domain/user';
import { AdminChanges } from './admin-changes';
import { Credentials } from './credentials';
import { IdentityQueries, USERS_READ_MODEL } from './identity.queries';
import { IdentityTime } from './identity-time';

export const ADMINS: readonly Role[] = ['admin'];
/** Commands a person runs on their own account (accepting an invitation, changing their password): any role. */
export const ANYONE: readonly Role[] = ['admin', 'sales', 'accountant', 'auditor'];
export const INVITATION_DAYS = 7;

export interface InviteUserRequest {
  email: string;
  name: string;
  role: string;
}

/**
 * An admin may not take away the tenant's last active admin (by a role change or a deactivation).
 * Runs under the tenant's AdminChanges lock (`within`), so no other such change appends meanwhile;
 * the read model names the candidates, and each is confirmed from its own stream, since the read
 * model may not show yet what the previous holder of the lock just appended. An admin the read
 * model does not show yet is only ever missed, which refuses rather than allows.
 */
const keepAnAdmin = async (env: CommandEnv, userId: string) => {
  const isAdmin = async (id: string) => {
    const { state } = await env.get(EventSourcedRunner).stateInTenant(userDecider, userStream(id), env.tenantId);
    return state.status === 'ACTIVE' && state.role === 'admin';
  };
  if (!(await isAdmin(userId))) return;
  for (const other of await env.get(IdentityQueries).activeAdmins(env.tenantId)) if (other !== userId && (await isAdmin(other))) return;
  throw new IdentityError(IdentityErrorCode.LastAdmin, 'This is the last active admin of your organisation: make another user admin first');
};
const oneAtATime = <T>(env: CommandEnv, work: () => Promise<T>) => env.get(AdminChanges).run(env.tenantId, work);

export const userCommands = commandsFor(
  userDecider,
  { entity: 'user', roles: ADMINS, stream: userStream, answer: answerWithRow(IdentityQueries, 'user', USERS_READ_MODEL) },
  ({ command }) => ({
    /** A new user who sets their own password through the invitation link (issued by Invitations). */
    inviteUser: command({
      creates: 'user',
      command: (input: InviteUserRequest, userId: string, env) => ({
        type: 'InviteUser',
        userId,
        email: normaliseEmail(input.email),
        name: input.name,
        role: input.role as Role,
        invitedBy: env.caller.userId,
        expiresAt: env.get(IdentityTime).inDays(INVITATION_DAYS).toISOString(),
      }),
      before: async (invite, env) => {
        // Check the input before claiming the email, so a refused invitation leaves it free.
        userDecider.decide(invite, userDecider.initialState());
        await env.get(Credentials).reserveEmail(env.tenantId, invite.userId, invite.email);
      },
    }),
    changeUserRole: command<{ userId: string; role: string }>({
      id: 'userId',
      command: async ({ userId, role }, _id, env) => {
        if (role !== 'admin') await keepAnAdmin(env, userId);
        return { type: 'ChangeUserRole', userId, role: role as Role };
      },
      within: oneAtATime,
    }),
    deactivateUser: command<{ userId: string }>({
      id: 'userId',
      command: async ({ userId }, _id, env) => {
        await keepAnAdmin(env, userId);
        return { type: 'DeactivateUser', userId };
      },
      within: oneAtATime,
    }),
    reactivateUser: command({ id: 'userId', command: ({ userId }: { userId: string }) => ({ type: 'ReactivateUser', userId }) }),
    /** Run as the invited user themselves, once their invitation token is claimed; the password is set once the acceptance is stored. */
    acceptInvitation: command<{ userId: string; password: string }>({
      roles: ANYONE,
      id: 'userId',
      command: ({ userId }, _id, env) => ({ type: 'AcceptInvitation', userId, now: env.get(IdentityTime).now().toISOString() }),
      after: async (_result, { userId, password }, _id, env) => {
        await env.get(Credentials).setPassword(userId, password);
        return { readModels: [], position: null };
      },
    }),
    /** A new password, by the user (their current one checked first) or through a reset link. */
    changePassword: command<{ userId: string; currentPassword: string | null; newPassword: string; via: 'change' | 'reset' }>({
      roles: ANYONE,
      id: 'userId',
      command: async ({ userId, currentPassword, via }, _id, env) => {
        if (via === 'change' && !(await env.get(Credentials).passwordMatches(userId, currentPassword ?? '')))
          throw new IdentityError(IdentityErrorCode.WrongPassword, 'Your current password is not right; nothing was changed');
        return { type: 'ChangePassword', userId, via };
      },
      after: async (_result, { userId, newPassword }, _id, env) => {
        await env.get(Credentials).setPassword(userId, newPassword);
        return { readModels: [], position: null };
      },
    }),
    requestPasswordReset: command({
      roles: ANYONE,
      id: 'userId',
      command: ({ userId, expiresAt }: { userId: string; expiresAt: string }) => ({ type: 'RequestPasswordReset', userId, expiresAt }),
      readModels: [],
    }),
  }),
);
