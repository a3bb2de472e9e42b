import { commandsFor } from '../../shared/command/command-declaration';
import { SELLERS } from '../../shared/command/command-roles';
import { AddContact, clientDecider, SetClientAddress } from '../domain/client';
import { AddressKind, clientStream } from '../domain/client.events';
import { CrmQueries } from './crm.queries';
import { CLIENTS, newOwner } from './lead.commands';

export interface RegisterClientRequest {
  name: string;
  email: string;
  company?: string | null;
  phone?: string | null;
}
export interface ClientDetailsRequest {
  name?: string | null;
  email?: string | null;
  company?: string | null;
  phone?: string | null;
}
export type ContactRequest = Omit<AddContact, 'type' | 'clientId' | 'contactId'>;
export type AddressRequest = SetClientAddress['address'];

export const clientCommands = commandsFor(
  clientDecider,
  {
    entity: 'client',
    roles: SELLERS,
    stream: clientStream,
    answer: { queries: CrmQueries, readModels: [CLIENTS], read: (q, tenantId, id) => q.client(tenantId, id) },
  },
  ({ command }) => ({
    /** A client without a lead: the registering user owns it. */
    registerClient: command({
      creates: 'client',
      command: (input: RegisterClientRequest, clientId: string, env) => ({
        type: 'RegisterClient',
        clientId,
        name: input.name,
        email: input.email,
        company: input.company ?? null,
        phone: input.phone ?? null,
        leadId: null,
        ownerId: env.caller.userId,
      }),
    }),
    updateClientDetails: command({
      id: (request: { clientId: string; input: ClientDetailsRequest }) => request.clientId,
      command: ({ clientId, input }) => {
        // null clears company or phone; a null name or email means "keep it", like leaving it out.
        const changes = Object.fromEntries(
          Object.entries({ ...input }).filter(([field, value]) => value !== undefined && !(value === null && (field === 'name' || field === 'email'))),
        );
        return { type: 'UpdateClientDetails', clientId, changes };
      },
    }),
    archiveClient: command({
      id: (input: { clientId: string; reason: string | null }) => input.clientId,
      command: (input) => ({ type: 'ArchiveClient', ...input }),
    }),
    restoreClient: command({ id: (input: { clientId: string }) => input.clientId, command: (input) => ({ type: 'RestoreClient', ...input }) }),
    addContact: command({
      id: (request: { clientId: string; input: ContactRequest }) => request.clientId,
      command: ({ clientId, input }, _id, env) => ({ type: 'AddContact', clientId, contactId: env.createdId('contact'), ...input }),
    }),
    removeContact: command({
      id: (input: { clientId: string; contactId: string }) => input.clientId,
      command: (input) => ({ type: 'RemoveContact', ...input }),
    }),
    setClientAddress: command({
      id: (request: { clientId: string; kind: AddressKind; input: AddressRequest }) => request.clientId,
      command: ({ clientId, kind, input }) => ({ type: 'SetClientAddress', clientId, kind, address: { ...input } }),
    }),
    assignClientOwner: command({
      id: (input: { clientId: string; ownerId: string }) => input.clientId,
      command: async ({ clientId, ownerId }, _id, env) => ({ type: 'AssignClientOwner', clientId, ...(await newOwner(env, ownerId)) }),
    }),
  }),
);
