import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { formatMinor } from '../../shared/domain/money';
import { ListArgs } from '../../shared/graphql/list.types';
import { clientCommands } from '../application/client.commands';
import { ClientCounters, CrmQueries } from '../application/crm.queries';
import { TenantDirectory } from '../application/tenant-directory';
import {
  Activity,
  AddContactInput,
  AddressKind,
  Client,
  ClientFilter,
  ClientList,
  Owner,
  RegisterClientInput,
  SetClientAddressInput,
  UpdateClientDetailsInput,
} from './crm.types';

@Resolver(() => Client)
export class ClientResolver {
  /** The three counters come from one row: fetched once per client object, whichever fields ask. */
  private readonly counters = new WeakMap<object, Promise<ClientCounters>>();

  constructor(
    private readonly commands: CommandService,
    private readonly queries: CrmQueries,
    private readonly directory: TenantDirectory,
  ) {}

  @Query(() => Client, { nullable: true, description: 'A client of your tenant, or null' })
  client(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.client(caller.tenantId, id);
  }

  @Query(() => ClientList, { description: 'Active clients by default; filter archived: true for the archived ones' })
  clients(@Args() list: ListArgs, @Args('filter', { type: () => ClientFilter, nullable: true }) filter: ClientFilter | undefined, @Caller() caller: Caller) {
    return this.queries.clients(caller.tenantId, filter, list);
  }

  @Allow(...clientCommands.registerClient.roles)
  @Mutation(() => Client, { description: 'Registers a client directly (without a lead); you become its owner' })
  registerClient(@Args('input') input: RegisterClientInput, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.registerClient, input, caller);
  }

  @Allow(...clientCommands.updateClientDetails.roles)
  @Mutation(() => Client)
  updateClientDetails(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateClientDetailsInput, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.updateClientDetails, { clientId: id, input }, caller);
  }

  @Allow(...clientCommands.archiveClient.roles)
  @Mutation(() => Client, { description: 'Hides the client from the default list; it refuses changes until restored' })
  archiveClient(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null | undefined,
    @Caller() caller: Caller,
  ) {
    return this.commands.execute(clientCommands.archiveClient, { clientId: id, reason: reason ?? null }, caller);
  }

  @Allow(...clientCommands.restoreClient.roles)
  @Mutation(() => Client)
  restoreClient(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.restoreClient, { clientId: id }, caller);
  }

  @Allow(...clientCommands.addContact.roles)
  @Mutation(() => Client)
  addContact(@Args('clientId', { type: () => ID }) clientId: string, @Args('input') input: AddContactInput, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.addContact, { clientId, input }, caller);
  }

  @Allow(...clientCommands.removeContact.roles)
  @Mutation(() => Client)
  removeContact(@Args('clientId', { type: () => ID }) clientId: string, @Args('contactId', { type: () => ID }) contactId: string, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.removeContact, { clientId, contactId }, caller);
  }

  @Allow(...clientCommands.setClientAddress.roles)
  @Mutation(() => Client, { description: 'Sets (or replaces) the billing or the shipping address' })
  setClientAddress(
    @Args('clientId', { type: () => ID }) clientId: string,
    @Args('kind', { type: () => AddressKind }) kind: AddressKind,
    @Args('input') input: SetClientAddressInput,
    @Caller() caller: Caller,
  ) {
    return this.commands.execute(clientCommands.setClientAddress, { clientId, kind, input }, caller);
  }

  @Allow(...clientCommands.assignClientOwner.roles)
  @Mutation(() => Client, { description: 'Hands the client to another user of your organisation' })
  assignClientOwner(@Args('id', { type: () => ID }) id: string, @Args('ownerId', { type: () => ID }) ownerId: string, @Caller() caller: Caller) {
    return this.commands.execute(clientCommands.assignClientOwner, { clientId: id, ownerId }, caller);
  }

  @ResolveField(() => Owner, { nullable: true, description: 'null if the owner is no longer a user of your organisation' })
  async owner(@Parent() client: Client, @Caller() caller: Caller) {
    if (!client.ownerId) return null;
    return (await this.directory.users(caller.tenantId, [client.ownerId])).get(client.ownerId) ?? null;
  }

  @ResolveField(() => [Activity], { description: 'The activity timeline, latest first' })
  activities(
    @Parent() client: Client,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 50, description: 'At most this many, 1 to 500' }) limit: number,
    @Caller() caller: Caller,
  ) {
    return this.queries.timeline(caller.tenantId, client.id, Math.min(Math.max(limit ?? 50, 1), 500));
  }

  @ResolveField(() => Date, { nullable: true, description: 'When the latest activity was logged' })
  lastActivityAt(@Parent() client: Client, @Caller() caller: Caller) {
    return this.queries.lastActivityAt(caller.tenantId, client.id);
  }

  @ResolveField(() => Int, { description: 'Orders placed for this client' })
  async orderCount(@Parent() client: Client, @Caller() caller: Caller) {
    return (await this.countersOf(client, caller)).orderCount;
  }

  @ResolveField(() => String, { description: 'Invoiced, less credit notes and voided invoices, in your currency ("125.50")' })
  async lifetimeRevenue(@Parent() client: Client, @Caller() caller: Caller) {
    const [counters, currency] = await Promise.all([this.countersOf(client, caller), this.directory.currency(caller.tenantId)]);
    return formatMinor(counters.lifetimeRevenue, currency);
  }

  @ResolveField(() => String, { description: 'Invoiced and not yet paid, credited or voided, in your currency ("125.50")' })
  async openReceivables(@Parent() client: Client, @Caller() caller: Caller) {
    const [counters, currency] = await Promise.all([this.countersOf(client, caller), this.directory.currency(caller.tenantId)]);
    return formatMinor(counters.openReceivables, currency);
  }

  private countersOf(client: Client, caller: Caller): Promise<ClientCounters> {
    let counters = this.counters.get(client);
    if (!counters) {
      counters = this.queries.counters(caller.tenantId, client.id);
      this.counters.set(client, counters);
    }
    return counters;
  }
}
