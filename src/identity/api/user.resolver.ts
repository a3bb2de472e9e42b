import { Inject } from '@nestjs/common';
import { Args, ID, Resolver } from '@nestjs/graphql';
import { AuthService } from '../../shared/auth/auth.service';
import { Allow, Caller } from '../../shared/auth/caller';
import { BadInputError } from '../../shared/domain/domain-error';
import { ROLES } from '../domain/user';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { RecordResolver } from '../../shared/graphql/record.resolver';
import { IdentityQueries } from '../application/identity.queries';
import { Invitations } from '../application/invitations';
import { userCommands } from '../application/user.commands';
import { InviteUserInput, InviteUserPayload, User, UserFilter, UserList } from './identity.types';

@Allow('admin', 'auditor')
@Resolver(() => User)
export class UserResolver extends RecordResolver(IdentityQueries, {
  one: { name: 'user', type: User, description: 'A user of your organisation, or null', read: (queries, tenantId, id) => queries.user(tenantId, id) },
  list: {
    name: 'users',
    type: UserList,
    filter: UserFilter,
    description: 'The people of your organisation (admins and auditors). Sorts on email (the default), name, role, status, createdAt, updatedAt',
    read: (queries, tenantId, filter, list) => queries.users(tenantId, filter, list),
  },
}) {
  @Inject(Invitations) private readonly invitations: Invitations;
  @Inject(AuthService) private readonly auth: AuthService;

  @CommandMutation(userCommands.inviteUser, () => InviteUserPayload, {
    description: 'Invites a person with a role: answers their invitation link (single use, 7 days), also emailed when mail is configured',
  })
  async inviteUser(@Args('input') input: InviteUserInput, @Caller() caller: Caller): Promise<InviteUserPayload> {
    const user = await this.commands.execute(userCommands.inviteUser, input, caller);
    return { user, invitationUrl: await this.invitations.invite(caller.tenantId, user) };
  }

  @CommandMutation(userCommands.changeUserRole, () => User, {
    description: 'Takes effect within seconds, without signing in again; the last admin keeps the role',
  })
  changeUserRole(@Args('userId', { type: () => ID }) userId: string, @Args('role') role: string, @Caller() caller: Caller) {
    return this.changingAccess(userId, () => this.commands.execute(userCommands.changeUserRole, { userId, role: checkedRole(role) }, caller));
  }

  @CommandMutation(userCommands.deactivateUser, () => User, { description: 'Their sessions stop working at once; the last admin cannot be deactivated' })
  deactivateUser(@Args('userId', { type: () => ID }) userId: string, @Caller() caller: Caller) {
    return this.changingAccess(userId, () => this.commands.execute(userCommands.deactivateUser, { userId }, caller));
  }

  @CommandMutation(userCommands.reactivateUser, () => User, { description: 'They may sign in again (or accept their invitation, if they had not)' })
  reactivateUser(@Args('userId', { type: () => ID }) userId: string, @Caller() caller: Caller) {
    return this.changingAccess(userId, () => this.commands.execute(userCommands.reactivateUser, { userId }, caller));
  }

  /** Once the change is answered (or refused), every instance reads the user's state again on their next request. */
  private async changingAccess(userId: string, change: () => Promise<User>): Promise<User> {
    try {
      return await change();
    } finally {
      await this.auth.forget(userId);
    }
  }
}

const checkedRole = (role: string) => {
  if (!ROLE_NAMES.includes(role)) throw new BadInputError({ role: [`role must be one of: ${ROLE_NAMES.join(', ')}`] });
  return role;
};
const ROLE_NAMES: readonly string[] = ROLES;
