import { Inject, Injectable } from '@nestjs/common';
import { commandsFor } from '../../shared/command/command-declaration';
import { deterministicId } from '../../shared/domain/ids';
import { EVENT_STORE, EventStore } from '../../shared/event-store/event-store.port';
import { invoiceCounterStreamName } from '../../orders/public/invoice-counter';
import { TenantSettings, tenantStream } from '../domain/identity.events';
import { tenantDecider } from '../domain/tenant';
import { ADMINS } from './user.commands';
import { IdentityQueries, TENANTS_READ_MODEL } from './identity.queries';

/** A tenant's stream id: a UUID derived from its text id (`acme`), so each tenant has one settings stream. */
export const tenantStreamId = (tenantId: string) => deterministicId('tenant', tenantId);

/** Whether the tenant has issued an invoice, read from the log (no read model lag): then its currency is fixed. */
@Injectable()
export class InvoicedTenants {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async invoiced(tenantId: string): Promise<boolean> {
    return (await this.store.readStream(invoiceCounterStreamName(tenantId), { maxCount: 1 })).length > 0;
  }
}

export const tenantCommands = commandsFor(
  tenantDecider,
  {
    entity: 'tenant',
    roles: ADMINS,
    stream: tenantStream,
    answer: { queries: IdentityQueries, readModels: [TENANTS_READ_MODEL], read: (queries, tenantId) => queries.tenant(tenantId) },
  },
  ({ command }) => ({
    updateTenantSettings: command({
      id: (_input, env) => tenantStreamId(env.tenantId),
      command: async (changes: Partial<TenantSettings>, _id, env) => ({
        type: 'UpdateTenantSettings',
        tenantId: env.tenantId,
        changes,
        invoiced: changes.currency ? await env.get(InvoicedTenants).invoiced(env.tenantId) : false,
      }),
    }),
  }),
);
