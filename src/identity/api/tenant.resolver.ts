import { Args, Query, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { IdentityQueries } from '../application/identity.queries';
import { tenantCommands } from '../application/tenant.commands';
import { Tenant, UpdateTenantSettingsInput } from './identity.types';

@Resolver(() => Tenant)
export class TenantResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly queries: IdentityQueries,
  ) {}

  @Query(() => Tenant, { description: 'Your organisation and its settings' })
  tenant(@Caller() caller: Caller) {
    return this.queries.tenant(caller.tenantId);
  }

  @CommandMutation(tenantCommands.updateTenantSettings, () => Tenant, {
    description: 'Name, payment terms (for invoices issued from now on), time zone; the currency only until the first invoice',
  })
  updateTenantSettings(@Args('input') input: UpdateTenantSettingsInput, @Caller() caller: Caller) {
    const { name, paymentTermsDays, timeZone, currency } = input;
    return this.commands.execute(
      tenantCommands.updateTenantSettings,
      {
        name: name ?? undefined,
        paymentTermsDays: paymentTermsDays ?? undefined,
        timeZone: timeZone ?? undefined,
        currency: currency?.toUpperCase() ?? undefined,
      },
      caller,
    );
  }
}
