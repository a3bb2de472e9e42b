import { Args, ID, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { formatMinor } from '../../shared/domain/money';
import { atMomentOf } from '../../shared/history/known-at';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { clientCommands } from '../application/client.commands';
import { ClientCounters } from '../application/crm.queries';
import { CrmSubjectResolver } from './crm-subject.resolver';
import {
  AddContactInput,
  AddressKind,
  Client,
  ClientFilter,
  ClientList,
  RegisterClientInput,
  SetClientAddressInput,
  UpdateClientDetailsInput,
} from './crm.types';

@Resolver(() => Client)
export class ClientResolver extends CrmSubjectResolver({
  one: { name: 'client', type: Client, description: 'A client of your tenant, or null', read: (queries, tenantId, id) => queries.client(tenantId, id) },
  list: {
    name: 'clients',
    type: ClientList,
    filter: ClientFilter,
    description: 'Active clients by default; filter archived: true for the archived ones',
    read: (queries, tenantId, filter, list) => queries.clients(tenantId, filter, list),
  },
}) {
  /**
   * The three counters come from one row: fetched once per client object, whichever fields ask.
   * For a client read with knownAt, they and lastActivityAt are as known at that moment (atMomentOf).
   */
  private readonly counters = new WeakMap<object, Promise<ClientCounters>>();

  @CommandMutation(clientCommands.registerClient, () => Client, { description: 'Registers a client directly (without a lead); you become its owner' })
  registerClient(@Args('input') input: RegisterClientInput, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.registerClient, input, caller);
  }

  @CommandMutation(clientCommands.updateClientDetails, () => Client)
  updateClientDetails(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateClientDetailsInput, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.updateClientDetails, { clientId: id, input }, caller);
  }

  @CommandMutation(clientCommands.archiveClient, () => Client, { description: 'Hides the client from the default list; it refuses changes until restored' })
  archiveClient(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null | undefined,
    @Caller() caller: Caller,
  ) {
    return this.commands.execute(clientCommands.archiveClient, { clientId: id, reason: reason ?? null }, caller);
  }

  @CommandMutation(clientCommands.restoreClient, () => Client)
  restoreClient(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.restoreClient, { clientId: id }, caller);
  }

  @CommandMutation(clientCommands.addContact, () => Client)
  addContact(@Args('clientId', { type: () => ID }) clientId: string, @Args('input') input: AddContactInput, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.addContact, { clientId, input }, caller);
  }

  @CommandMutation(clientCommands.removeContact, () => Client)
  removeContact(@Args('clientId', { type: () => ID }) clientId: string, @Args('contactId', { type: () => ID }) contactId: string, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.removeContact, { clientId, contactId }, caller);
  }

  @CommandMutation(clientCommands.setClientAddress, () => Client, { description: 'Sets (or replaces) the billing or the shipping address' })
  setClientAddress(
    @Args('clientId', { type: () => ID }) clientId: string,
    @Args('kind', { type: () => AddressKind }) kind: AddressKind,
    @Args('input') input: SetClientAddressInput,
    @Caller() caller: Caller,
  ) {
    return this.commands.execute(clientCommands.setClientAddress, { clientId, kind, input }, caller);
  }

  @CommandMutation(clientCommands.assignClientOwner, () => Client, { description: 'Hands the client to another user of your organisation' })
  assignClientOwner(@Args('id', { type: () => ID }) id: string, @Args('ownerId', { type: () => ID }) ownerId: string, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.assignClientOwner, { clientId: id, ownerId }, caller);
  }

  @ResolveField(() => Date, { nullable: true, description: 'When the latest activity was logged' })
  lastActivityAt(@Parent() client: Client, @Caller() caller: Caller) {
    return atMomentOf(client, () => this.queries.lastActivityAt(caller.tenantId, client.id));
  }

  @ResolveField(() => Int, { description: 'Orders placed for this client' })
  async orderCount(@Parent() client: Client, @Caller() caller: Caller) {
    return (await this.countersOf(client, caller)).orderCount;
  }

  @ResolveField(() => String, { description: 'Invoiced, less credit notes and voided invoices, in your currency ("125.50")' })
  async lifetimeRevenue(@Parent() client: Client, @Caller() caller: Caller) {
    const [counters, currency] = await Promise.all([this.countersOf(client, caller), this.currency(caller)]);
    return formatMinor(counters.lifetimeRevenue, currency);
  }

  @ResolveField(() => String, { description: 'Invoiced and not yet paid, credited or voided, in your currency ("125.50")' })
  async openReceivables(@Parent() client: Client, @Caller() caller: Caller) {
    const [counters, currency] = await Promise.all([this.countersOf(client, caller), this.currency(caller)]);
    return formatMinor(counters.openReceivables, currency);
  }

  private countersOf(client: Client, caller: Caller): Promise<ClientCounters> {
    let counters = this.counters.get(client);
    if (!counters) {
      counters = atMomentOf(client, () => this.queries.counters(caller.tenantId, client.id));
      this.counters.set(client, counters);
    }
    return counters;
  }
}
