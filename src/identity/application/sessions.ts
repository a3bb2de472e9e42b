import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthError, AuthService } from '../../shared/auth/auth.service';
import type { Caller, Role } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { foldStored } from '../../shared/domain/decider';
import { IdentityError, IdentityErrorCode } from '../domain/identity.error';
import { userStream } from '../domain/identity.events';
import { userDecider } from '../domain/user';
import { Account, Credentials, TokenPurpose } from './credentials';
import { Invitations } from './invitations';
import { LoginLimiter } from './login-limiter';
import { assertStrongPassword } from './password-policy';
import { IdentityTime } from './identity-time';
import { userCommands } from './user.commands';

export interface Origin {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

/** Longer than any password we accept: refused before any hashing, so a huge value costs nothing. */
const MAX_PASSWORD = 1_000;
/**
 * Failed sign-ins are appended in batches, this long after the first: recording one right after
 * its answer would slow the requests that follow a wrong password and not those that follow an
 * unknown email, telling an attacker which accounts exist.
 */
const FAILURE_FLUSH_MS = 1_000;
const MAX_PENDING_FAILURES = 10_000;

/**
 * Signing in and everything done with a password or a one-time link: login (limited per account
 * and per address, the same work for an unknown email as for a wrong password, failures recorded
 * in the account's log), accepting an invitation, resetting and changing a password.
 */
@Injectable()
export class Sessions implements OnModuleDestroy {
  private readonly logger = new Logger('Sessions');
  private pendingFailures: { account: Account; passwordMatched: boolean; origin: Origin }[] = [];
  private flushTimer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly auth: AuthService,
    private readonly credentials: Credentials,
    private readonly commands: CommandService,
    private readonly runner: EventSourcedRunner,
    private readonly invitations: Invitations,
    private readonly time: IdentityTime,
    private readonly limiter: LoginLimiter,
  ) {}

  async login(email: string, password: string, origin: Origin): Promise<string> {
    const account = email.trim().toLowerCase().slice(0, 254);
    const ip = origin.ip ?? 'unknown';
    await this.limiter.attempt(account, ip, this.time.now());
    const found = password.length <= MAX_PASSWORD ? await this.credentials.account(account) : null;
    const matches = await this.credentials.verify(password.slice(0, MAX_PASSWORD), found?.passwordHash ?? null);
    if (matches && found?.status === 'ACTIVE' && found.role) {
      this.limiter.succeeded(account, ip);
      return this.auth.issue({ id: found.userId, tenantId: found.tenantId, email: found.email, role: found.role });
    }
    if (found?.status) this.queueFailure({ account: found, passwordMatched: matches, origin });
    if (matches && found?.status === 'DEACTIVATED')
      throw new AuthError('UNAUTHENTICATED', 'This account is deactivated; ask an admin of your organisation to reactivate it');
    throw new AuthError('UNAUTHENTICATED', 'Email or password is incorrect');
  }

  /** Sets the invited user's password and signs them in; the link works once. */
  async acceptInvitation(token: string, password: string, origin: Origin): Promise<string> {
    const user = await this.claim(token, 'invitation', password, 'password');
    try {
      await this.commands.execute(userCommands.acceptInvitation, { userId: user.userId, password }, this.callerFor(user, origin));
    } catch (error) {
      await this.credentials.releaseToken(token);
      throw error;
    }
    return this.auth.issue({ id: user.userId, tenantId: user.tenantId, email: user.email, role: user.role });
  }

  async resetPassword(token: string, newPassword: string, origin: Origin): Promise<string> {
    const user = await this.claim(token, 'reset', newPassword, 'newPassword');
    try {
      await this.commands.execute(
        userCommands.changePassword,
        { userId: user.userId, currentPassword: null, newPassword, via: 'reset' },
        this.callerFor(user, origin),
      );
    } catch (error) {
      await this.credentials.releaseToken(token);
      throw error;
    }
    return this.auth.issue({ id: user.userId, tenantId: user.tenantId, email: user.email, role: user.role });
  }

  async changePassword(caller: Caller, currentPassword: string, newPassword: string): Promise<void> {
    if (caller.actorKind && caller.actorKind !== 'user')
      throw new IdentityError(IdentityErrorCode.NotAUser, 'An API key has no password; only a person changes theirs');
    assertStrongPassword(newPassword, 'newPassword', [caller.email]);
    await this.commands.execute(userCommands.changePassword, { userId: caller.userId, currentPassword, newPassword, via: 'change' }, caller);
  }

  /** Emails a reset link when the email belongs to an active user; answers the same either way. */
  async requestPasswordReset(email: string, origin: Origin): Promise<void> {
    const found = await this.credentials.account(email.trim().toLowerCase().slice(0, 254));
    if (found?.status !== 'ACTIVE' || !found.role) return;
    const user = { userId: found.userId, tenantId: found.tenantId, email: found.email, role: found.role };
    const expiresAt = await this.invitations.reset(found.tenantId, { id: found.userId, email: found.email });
    await this.commands
      .execute(userCommands.requestPasswordReset, { userId: found.userId, expiresAt: expiresAt.toISOString() }, this.callerFor(user, origin))
      .catch((error) => this.logger.warn(`Could not record the reset request of ${found.userId}: ${(error as Error).message}`));
  }

  /** Checks the new password, then uses the token once; the account it opens. */
  private async claim(token: string, purpose: TokenPurpose, password: string, field: string) {
    const invalid = purpose === 'invitation' ? IdentityErrorCode.InvitationInvalid : IdentityErrorCode.ResetTokenInvalid;
    if (typeof token !== 'string' || token.length > 200) throw new IdentityError(invalid, 'This link is not valid');
    assertStrongPassword(password, field);
    const claimed = await this.credentials.claimToken(token, purpose, this.time.now());
    if (claimed === 'used')
      throw purpose === 'invitation'
        ? new IdentityError(
            IdentityErrorCode.InvitationAlreadyUsed,
            'This invitation was already used; sign in with your email and password, or ask an admin for a new one',
          )
        : new IdentityError(invalid, 'This reset link was already used; ask for a new one');
    if (claimed === 'expired')
      throw purpose === 'invitation'
        ? new IdentityError(IdentityErrorCode.InvitationExpired, 'This invitation has expired; ask an admin to invite you again')
        : new IdentityError(invalid, 'This reset link has expired; ask for a new one');
    if (claimed === 'unknown') throw new IdentityError(invalid, 'This link is not valid: copy the whole link from the email, or ask for a new one');
    const state = foldStored(userDecider, await this.runner.readStream(userStream(claimed.userId)));
    if (state.status === 'NONE') throw new IdentityError(invalid, 'This link is not valid');
    return { userId: claimed.userId, tenantId: claimed.tenantId, email: state.email, role: state.role as Role };
  }

  private callerFor(user: { userId: string; tenantId: string; email: string; role: Role }, origin: Origin): Caller {
    return { ...user, requestId: origin.requestId ?? randomUUID(), actorKind: 'user', ip: origin.ip, userAgent: origin.userAgent };
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.flushTimer);
    await this.flush();
  }

  private queueFailure(failure: { account: Account; passwordMatched: boolean; origin: Origin }) {
    if (this.pendingFailures.length < MAX_PENDING_FAILURES) this.pendingFailures.push(failure);
    this.flushTimer ??= setTimeout(() => void this.flush(), FAILURE_FLUSH_MS).unref();
  }

  private flush(): Promise<void> {
    this.flushTimer = undefined;
    const batch = this.pendingFailures;
    this.pendingFailures = [];
    this.flushing = this.flushing.then(async () => {
      for (const { account, passwordMatched, origin } of batch) await this.recordFailure(account, passwordMatched, origin);
    });
    return this.flushing;
  }

  private async recordFailure(account: Account, passwordMatched: boolean, origin: Origin): Promise<void> {
    const reason = passwordMatched ? (account.status === 'DEACTIVATED' ? 'DEACTIVATED' : 'NOT_ACCEPTED') : 'WRONG_PASSWORD';
    try {
      await this.runner.run(
        userDecider,
        userStream(account.userId),
        { type: 'RecordFailedLogin', userId: account.userId, email: account.email, reason, ip: origin.ip ?? null, userAgent: origin.userAgent ?? null },
        {
          tenantId: account.tenantId,
          actorId: 'system:sign-in',
          actorKind: 'system',
          correlationId: origin.requestId ?? randomUUID(),
          causationId: randomUUID(),
          ip: origin.ip,
          userAgent: origin.userAgent,
        },
      );
    } catch (error) {
      this.logger.warn(`Could not record a failed sign-in of ${account.userId}: ${(error as Error).message}`);
    }
  }
}
