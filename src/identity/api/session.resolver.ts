import { Args, Context, Info, Mutation, Resolver } from '@nestjs/graphql';
import { Caller, Public, SelfService } from '../../shared/auth/caller';
import { IdentityError, IdentityErrorCode } from '../domain/identity.error';
import { Origin, Sessions } from '../application/sessions';
import { SessionPayload } from './identity.types';
import { loginFieldCount, RequestOrigin } from './request-origin';

@Resolver()
export class SessionResolver {
  constructor(private readonly sessions: Sessions) {}

  @Public()
  @Mutation(() => SessionPayload, { description: 'Sign in. At most one login per request; repeated failures make you wait longer each time' })
  async login(
    @Args('email') email: string,
    @Args('password') password: string,
    @RequestOrigin() origin: Origin,
    @Info() info: Parameters<typeof loginFieldCount>[0],
    @Context() context: { loginCount?: number },
  ): Promise<SessionPayload> {
    context.loginCount = (context.loginCount ?? 0) + 1;
    if (context.loginCount > 1 || (info?.operation && loginFieldCount(info) > 1))
      throw new IdentityError(IdentityErrorCode.OneLoginPerRequest, 'Send one login per request: aliased or repeated login fields are refused');
    return { token: await this.sessions.login(email, password, origin) };
  }

  @Public()
  @Mutation(() => SessionPayload, { description: 'Choose your password with the token of your invitation link; signs you in. The link works once' })
  async acceptInvitation(@Args('token') token: string, @Args('password') password: string, @RequestOrigin() origin: Origin): Promise<SessionPayload> {
    return { token: await this.sessions.acceptInvitation(token, password, origin) };
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Emails a reset link if the address belongs to an active user; answers true either way' })
  async requestPasswordReset(@Args('email') email: string, @RequestOrigin() origin: Origin): Promise<boolean> {
    await this.sessions.requestPasswordReset(email, origin);
    return true;
  }

  @Public()
  @Mutation(() => SessionPayload, { description: 'A new password with the token of a reset link (valid an hour, once); signs you in' })
  async resetPassword(@Args('token') token: string, @Args('newPassword') newPassword: string, @RequestOrigin() origin: Origin): Promise<SessionPayload> {
    return { token: await this.sessions.resetPassword(token, newPassword, origin) };
  }

  @SelfService()
  @Mutation(() => Boolean, { description: 'Your own password: the current one, then a new one (12 characters or more, not easy to guess)' })
  async changePassword(@Args('currentPassword') currentPassword: string, @Args('newPassword') newPassword: string, @Caller() caller: Caller): Promise<boolean> {
    await this.sessions.changePassword(caller, currentPassword, newPassword);
    return true;
  }
}
