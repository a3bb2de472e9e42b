import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config';
import { CLOCK, Clock } from '../shared/clock';
import { CommandContext } from '../shared/command/command-context';
import { EventSourcedRunner } from '../shared/command/event-sourced-runner';
import { Database } from '../shared/database/database';
import { deterministicId } from '../shared/domain/ids';
import { APP_CONFIG, DATABASE } from '../shared/tokens';
import { leadDecider, LeadCommand } from '../crm/domain/lead';
import { leadStream } from '../crm/domain/lead.events';
import { clientDecider } from '../crm/domain/client';
import { clientStream } from '../crm/domain/client.events';
import { ClientRegistration, clientIdForLead } from '../crm/application/client-registration';
import { seedDemoOrders } from '../orders/application/demo-orders.seed';
import { TenantProvisioning } from '../identity/application/tenant-provisioning';
import type { Role } from '../shared/auth/caller';

export const DEMO_ROLES = ['admin', 'sales', 'accountant', 'auditor'] as const;
const SEED_ACTOR = 'system:demo-seed';

export const DEMO_TENANTS = [
  { id: 'acme', name: 'Acme Corporation', currency: 'USD' },
  { id: 'globex', name: 'Globex Europe', currency: 'EUR' },
] as const;

const DEMO_CLIENTS = [
  { name: 'Margaret Hamilton', email: 'margaret@apollo-guidance.example', company: 'Apollo Guidance', phone: '+1 555 0101' },
  { name: 'Tim Berners-Lee', email: 'tim@hypertext.example', company: 'Hypertext Systems', phone: '+44 20 7946 0000' },
  { name: 'Barbara Liskov', email: 'barbara@substitution.example', company: 'Substitution Labs', phone: null },
];

const DEMO_LEADS: { name: string; email: string; company: string; source: string; progress: ('qualify' | 'convert' | 'disqualify')[] }[] = [
  { name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical Engines', source: 'referral', progress: ['qualify', 'convert'] },
  { name: 'Grace Hopper', email: 'grace@cobol.example', company: 'Compilers Inc', source: 'web', progress: ['qualify'] },
  { name: 'Alan Turing', email: 'alan@bletchley.example', company: 'Bletchley Park', source: 'event', progress: [] },
  { name: 'Katherine Johnson', email: 'katherine@orbit.example', company: 'Orbital Mechanics', source: 'web', progress: [] },
  { name: 'Edsger Dijkstra', email: 'edsger@shortest.example', company: 'Shortest Path BV', source: 'cold call', progress: ['disqualify'] },
];

/**
 * Demo tenants, users and a few leads, so a new user's first screen is alive. Runs only on the
 * embedded default or with SEED_DEMO=true. Idempotent: a restart adds nothing twice.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    private readonly runner: EventSourcedRunner,
    private readonly registration: ClientRegistration,
    private readonly provisioning: TenantProvisioning,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    for (const tenant of DEMO_TENANTS) {
      await this.provisioning.ensureTenant(tenant, SEED_ACTOR);
      for (const role of DEMO_ROLES) await this.seedUser(tenant.id, `${role}@${tenant.id}.test`, role[0].toUpperCase() + role.slice(1), role);
    }
    // Sign-in and the other contexts read the tenants and users read models: wait until they show them.
    await this.provisioning.settled();
    for (const tenant of DEMO_TENANTS) {
      await this.seedLeads(tenant.id);
      await this.seedClients(tenant.id);
      await seedDemoOrders(this.runner, tenant.id, tenant.currency, this.clock.now());
    }
    this.logger.log(`Demo tenants ready: <role>@acme.test and <role>@globex.test for roles ${DEMO_ROLES.join(', ')} (password from DEMO_PASSWORD)`);
  }

  private async seedUser(tenantId: string, email: string, name: string, role: Role) {
    await this.provisioning.ensureUser(tenantId, { email, name, role, password: this.config.demoPassword }, SEED_ACTOR);
  }

  /** A few clients registered directly, beside the one a converted lead became. */
  private async seedClients(tenantId: string) {
    const { rows } = await this.database.pool.query(`SELECT user_id AS id FROM user_credentials WHERE email = $1`, [`sales@${tenantId}.test`]);
    const ownerId: string | undefined = rows[0]?.id;
    for (const client of DEMO_CLIENTS) {
      const clientId = deterministicId(tenantId, 'demo-client', client.email);
      const stream = clientStream(clientId);
      if ((await this.runner.readStream(stream)).length > 0) continue;
      await this.runner.run(
        clientDecider,
        stream,
        { type: 'RegisterClient', clientId, leadId: null, ...client, ...(ownerId ? { ownerId } : {}) },
        { tenantId, actorId: 'system:demo-seed', correlationId: randomUUID(), causationId: randomUUID() },
      );
    }
  }

  private async seedLeads(tenantId: string) {
    const context: CommandContext = {
      tenantId,
      actorId: 'system:demo-seed',
      correlationId: randomUUID(),
      causationId: randomUUID(),
    };
    for (const lead of DEMO_LEADS) {
      const leadId = deterministicId(tenantId, 'demo-lead', lead.email);
      const stream = leadStream(leadId);
      if ((await this.runner.readStream(stream)).length > 0) continue;
      const steps: LeadCommand[] = [{ type: 'CaptureLead', leadId, name: lead.name, email: lead.email, company: lead.company, source: lead.source }];
      for (const step of lead.progress) {
        if (step === 'qualify') steps.push({ type: 'QualifyLead', leadId });
        if (step === 'disqualify') steps.push({ type: 'DisqualifyLead', leadId, reason: 'No budget this year' });
        if (step === 'convert') steps.push({ type: 'ConvertLead', leadId, clientId: clientIdForLead(tenantId, leadId) });
      }
      for (const command of steps) {
        const result = await this.runner.run(leadDecider, stream, command, { ...context, causationId: randomUUID() });
        if (command.type === 'ConvertLead') {
          const converted = result.events[0];
          await this.registration.registerFromConvertedLead(leadId, command.clientId, converted.id, context);
        }
      }
    }
  }
}
