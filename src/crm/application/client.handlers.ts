import { Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '../../shared/auth/caller';
import { contextFromCaller } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { IdempotencyService } from '../../shared/command/idempotency.service';
import { NotFoundError } from '../../shared/domain/domain-error';
import { deterministicId, isUuid, newId } from '../../shared/domain/ids';
import { ProjectionsService } from '../../shared/projection/projections.service';
import { Client, Lead } from '../api/crm.types';
import { ClientCommand, clientDecider } from '../domain/client';
import { clientStream } from '../domain/client.events';
import { LeadCommandPipeline } from './lead.handlers';
import {
  AddContactCommand,
  ArchiveClientCommand,
  AssignClientOwnerCommand,
  AssignLeadOwnerCommand,
  RegisterClientCommand,
  RemoveContactCommand,
  RestoreClientCommand,
  SetClientAddressCommand,
  UpdateClientDetailsCommand,
} from './client.commands';
import { CrmQueries } from './crm.queries';
import { TenantDirectory } from './tenant-directory';

const CLIENTS = 'crm.clients';

/** A new id for a record a command creates: derived from the Idempotency-Key when there is one, so a retry targets the same record. */
export const createdId = (caller: Caller, kind: string) =>
  caller.idempotencyKey ? deterministicId(caller.tenantId, caller.idempotencyKey, kind) : newId();

/** The shared path of every client command: idempotency, decide and append, then read-your-writes. */
@Injectable()
export class ClientCommandPipeline {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly idempotency: IdempotencyService,
    private readonly projections: ProjectionsService,
    private readonly queries: CrmQueries,
  ) {}

  handle(caller: Caller, operation: string, request: object, clientId: string, command: () => Promise<ClientCommand> | ClientCommand): Promise<Client> {
    return this.idempotency.run(caller.tenantId, caller.idempotencyKey, operation, request, async () => {
      // A malformed id names no client; saying so beats a database cast error.
      if (!isUuid(clientId)) throw new NotFoundError('client', clientId);
      const { position } = await this.runner.run(clientDecider, clientStream(clientId), await command(), contextFromCaller(caller));
      await this.projections.waitFor([CLIENTS], position);
      const client = await this.queries.client(caller.tenantId, clientId);
      if (!client) throw new NotFoundError('client', clientId);
      return client;
    });
  }
}

@CommandHandler(RegisterClientCommand)
export class RegisterClientHandler implements ICommandHandler<RegisterClientCommand, Client> {
  constructor(private readonly pipeline: ClientCommandPipeline) {}

  execute({ input, caller }: RegisterClientCommand) {
    const clientId = createdId(caller, 'client');
    return this.pipeline.handle(caller, 'registerClient', input, clientId, () => ({
      type: 'RegisterClient',
      clientId,
      name: input.name,
      email: input.email,
      company: input.company ?? null,
      phone: input.phone ?? null,
      leadId: null,
      ownerId: caller.userId,
    }));
  }
}

@CommandHandler(UpdateClientDetailsCommand)
export class UpdateClientDetailsHandler implements ICommandHandler<UpdateClientDetailsCommand, Client> {
  constructor(private readonly pipeline: ClientCommandPipeline) {}

  execute({ clientId, input, caller }: UpdateClientDetailsCommand) {
    // null clears company or phone; a null name or email means "keep it", like leaving it out.
    const changes = Object.fromEntries(
      Object.entries({ ...input }).filter(([field, value]) => value !== undefined && !(value === null && (field === 'name' || field === 'email'))),
    );
    return this.pipeline.handle(caller, 'updateClientDetails', { clientId, input }, clientId, () => ({ type: 'UpdateClientDetails', clientId, changes }));
  }
}

@CommandHandler(ArchiveClientCommand)
export class ArchiveClientHandler implements ICommandHandler<ArchiveClientCommand, Client> {
  constructor(private readonly pipeline: ClientCommandPipeline) {}

  execute({ clientId, reason, caller }: ArchiveClientCommand) {
    return this.pipeline.handle(caller, 'archiveClient', { clientId, reason }, clientId, () => ({ type: 'ArchiveClient', clientId, reason }));
  }
}

@CommandHandler(RestoreClientCommand)
export class RestoreClientHandler implements ICommandHandler<RestoreClientCommand, Client> {
  constructor(private readonly pipeline: ClientCommandPipeline) {}

  execute({ clientId, caller }: RestoreClientCommand) {
    return this.pipeline.handle(caller, 'restoreClient', { clientId }, clientId, () => ({ type: 'RestoreClient', clientId }));
  }
}

@CommandHandler(AddContactCommand)
export class AddContactHandler implements ICommandHandler<AddContactCommand, Client> {
  constructor(private readonly pipeline: ClientCommandPipeline) {}

  execute({ clientId, input, caller }: AddContactCommand) {
    const contactId = createdId(caller, 'contact');
    return this.pipeline.handle(caller, 'addContact', { clientId, input }, clientId, () => ({ type: 'AddContact', clientId, contactId, ...input }));
  }
}

@CommandHandler(RemoveContactCommand)
export class RemoveContactHandler implements ICommandHandler<RemoveContactCommand, Client> {
  constructor(private readonly pipeline: ClientCommandPipeline) {}

  execute({ clientId, contactId, caller }: RemoveContactCommand) {
    return this.pipeline.handle(caller, 'removeContact', { clientId, contactId }, clientId, () => ({ type: 'RemoveContact', clientId, contactId }));
  }
}

@CommandHandler(SetClientAddressCommand)
export class SetClientAddressHandler implements ICommandHandler<SetClientAddressCommand, Client> {
  constructor(private readonly pipeline: ClientCommandPipeline) {}

  execute({ clientId, kind, input, caller }: SetClientAddressCommand) {
    return this.pipeline.handle(caller, 'setClientAddress', { clientId, kind, input }, clientId, () => ({
      type: 'SetClientAddress',
      clientId,
      kind,
      address: { ...input },
    }));
  }
}

@CommandHandler(AssignClientOwnerCommand)
export class AssignClientOwnerHandler implements ICommandHandler<AssignClientOwnerCommand, Client> {
  constructor(
    private readonly pipeline: ClientCommandPipeline,
    private readonly directory: TenantDirectory,
  ) {}

  execute({ clientId, ownerId, caller }: AssignClientOwnerCommand) {
    return this.pipeline.handle(caller, 'assignClientOwner', { clientId, ownerId }, clientId, async () => ({
      type: 'AssignClientOwner',
      clientId,
      ownerId,
      ownerIsTenantUser: await this.directory.isUser(caller.tenantId, ownerId),
    }));
  }
}

@CommandHandler(AssignLeadOwnerCommand)
export class AssignLeadOwnerHandler implements ICommandHandler<AssignLeadOwnerCommand, Lead> {
  constructor(
    private readonly pipeline: LeadCommandPipeline,
    private readonly directory: TenantDirectory,
  ) {}

  async execute({ leadId, ownerId, caller }: AssignLeadOwnerCommand) {
    if (!isUuid(leadId)) throw new NotFoundError('lead', leadId);
    const ownerIsTenantUser = await this.directory.isUser(caller.tenantId, ownerId);
    return this.pipeline.handle(caller, 'assignLeadOwner', { leadId, ownerId }, leadId, { type: 'AssignLeadOwner', leadId, ownerId, ownerIsTenantUser });
  }
}

export const clientCommandHandlers = [
  ClientCommandPipeline,
  RegisterClientHandler,
  UpdateClientDetailsHandler,
  ArchiveClientHandler,
  RestoreClientHandler,
  AddContactHandler,
  RemoveContactHandler,
  SetClientAddressHandler,
  AssignClientOwnerHandler,
  AssignLeadOwnerHandler,
];
