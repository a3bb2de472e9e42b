import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Caller, Role } from '../../shared/auth/caller';
import { CommandContext } from '../../shared/command/command-context';
import { CommandService } from '../../shared/command/command.service';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { Database } from '../../shared/database/database';
import { deterministicId } from '../../shared/domain/ids';
import { ProjectionsService } from '../../shared/projection/projections.service';
import { DATABASE } from '../../shared/tokens';
import { IdentityError, IdentityErrorCode } from '../domain/identity.error';
import { tenantStream, userStream } from '../domain/identity.events';
import { tenantDecider } from '../domain/tenant';
import { normaliseEmail, userDecider } from '../domain/user';
import { Credentials } from './credentials';
import { TENANTS_READ_MODEL, USERS_READ_MODEL } from './identity.queries';
import { Invitations } from './invitations';
import { tenantStreamId } from './tenant.commands';
import { userCommands } from './user.commands';

export interface NewTenant {
  id: string;
  name: string;
  currency: string;
  paymentTermsDays?: number;
  timeZone?: string;
}

const TENANT_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * New tenants and the platform's own users: the operator's `tenant:create` (a tenant and its
 * first admin's invitation) and the demo seeder (tenants and users with a known password). Both
 * go through the identity events, so the log says who created what.
 */
@Injectable()
export class TenantProvisioning {
  private readonly logger = new Logger('Tenants');
  /** The last position this service appended to each read model's events: what `settled` waits for. */
  private readonly appended = new Map<string, bigint>();

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly runner: EventSourcedRunner,
    private readonly commands: CommandService,
    private readonly credentials: Credentials,
    private readonly invitations: Invitations,
    private readonly projections: ProjectionsService,
  ) {}

  /** The tenant, created from these settings unless its stream exists (a tenant seeded before identity events keeps its row's settings). */
  async ensureTenant(tenant: NewTenant, actorId: string): Promise<boolean> {
    const stream = tenantStream(tenantStreamId(tenant.id));
    if ((await this.runner.readStream(stream)).length > 0) return false;
    const { rows } = await this.database.pool.query(`SELECT name, currency, payment_terms_days, time_zone FROM tenants WHERE id = $1`, [tenant.id]);
    const existing = rows[0];
    const result = await this.runner.run(
      tenantDecider,
      stream,
      {
        type: 'CreateTenant',
        tenantId: tenant.id,
        name: existing?.name ?? tenant.name,
        currency: existing?.currency?.trim() ?? tenant.currency,
        paymentTermsDays: existing?.payment_terms_days ?? tenant.paymentTermsDays ?? 30,
        timeZone: existing?.time_zone ?? tenant.timeZone ?? 'UTC',
      },
      this.system(tenant.id, actorId),
    );
    if (result.position !== null) this.appended.set(TENANTS_READ_MODEL, result.position);
    return true;
  }

  /** An active user with this password (the demo users): registered once, the password set again when it differs. */
  async ensureUser(tenantId: string, user: { email: string; name: string; role: Role; password: string }, actorId: string): Promise<string> {
    const email = normaliseEmail(user.email);
    const account = await this.credentials.account(email);
    const userId = account?.userId ?? deterministicId(tenantId, 'user', email);
    await this.credentials.reserveEmail(tenantId, userId, email);
    if ((await this.runner.readStream(userStream(userId))).length === 0) {
      const result = await this.runner.run(
        userDecider,
        userStream(userId),
        { type: 'RegisterUser', userId, email, name: user.name, role: user.role },
        this.system(tenantId, actorId),
      );
      if (result.position !== null) this.appended.set(USERS_READ_MODEL, result.position);
    }
    if (!account?.passwordHash || !(await this.credentials.verify(user.password, account.passwordHash)))
      await this.credentials.setPassword(userId, user.password);
    return userId;
  }

  /** Resolves once what this service appended shows in the tenants and users read models (sign-in reads them). */
  async settled(): Promise<void> {
    if (this.appended.size === 0) return;
    // Bootstrap steps run in module order: the processors may not be started yet.
    await this.projections.start();
    // Each read model at its own events' position: another instance's projector says nothing of positions it has no events at.
    for (const [readModel, position] of this.appended) await this.projections.waitFor([readModel], position, 30_000);
  }

  /** `npm run ops -- tenant:create`: a new tenant and an invitation for its first admin; answers the invitation link. */
  async createTenant(tenant: NewTenant, admin: { email: string; name: string }): Promise<{ tenantId: string; invitationUrl: string }> {
    if (!TENANT_ID.test(tenant.id))
      throw new IdentityError(IdentityErrorCode.NameRequired, `"${tenant.id}" cannot be a tenant id: use 2 to 63 lowercase letters, digits or "-"`);
    if (!(await this.ensureTenant(tenant, 'system:operator')))
      throw new IdentityError(IdentityErrorCode.TenantAlreadyExists, `Tenant ${tenant.id} already exists`);
    await this.settled();
    const caller: Caller = { userId: 'system:operator', tenantId: tenant.id, email: 'operator', role: 'admin', actorKind: 'system', requestId: randomUUID() };
    const user = await this.commands.execute(userCommands.inviteUser, { email: admin.email, name: admin.name, role: 'admin' }, caller);
    const invitationUrl = await this.invitations.invite(tenant.id, user);
    this.logger.log(`Tenant ${tenant.id} created; ${user.email} invited as its admin`);
    return { tenantId: tenant.id, invitationUrl };
  }

  private system(tenantId: string, actorId: string): CommandContext {
    return { tenantId, actorId, actorKind: 'system', correlationId: randomUUID(), causationId: randomUUID() };
  }
}
