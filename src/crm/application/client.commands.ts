import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
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
  { entity: 'client', roles: SELLERS, stream: clientStream, answer: answerWithRow(CrmQueries, 'client', CLIENTS) },
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
      id: 'clientId',
      command: ({ clientId, input }: { clientId: string; input: ClientDetailsRequest }) => {
        // null clears company or phone; a null name or email means "keep it", like leaving it out.
        const changes = Object.fromEntries(
          Object.entries({ ...input }).filter(([field, value]) => value !== undefined && !(value === null && (field === 'name' || field === 'email'))),
        );
        return { type: 'UpdateClientDetails', clientId, changes };
      },
      probe: (client) => ({ clientId: client.id, input: {} }),
    }),
    archiveClient: command({
      id: 'clientId',
      command: (input: { clientId: string; reason: string | null }) => ({ type: 'ArchiveClient', ...input }),
      probe: (client) => ({ clientId: client.id, reason: null }),
    }),
    restoreClient: command({
      id: 'clientId',
      command: (input: { clientId: string }) => ({ type: 'RestoreClient', ...input }),
      probe: (client) => ({ clientId: client.id }),
    }),
    addContact: command<{ clientId: string; input: ContactRequest }>({
      id: 'clientId',
      command: ({ clientId, input }, _id, env) => ({ type: 'AddContact', clientId, contactId: env.createdId('contact'), ...input }),
      probe: (client) => ({ clientId: client.id, input: { name: 'probe' } }),
    }),
    removeContact: command({
      id: 'clientId',
      command: (input: { clientId: string; contactId: string }) => ({ type: 'RemoveContact', ...input }),
      // Offered while the client has a contact and takes changes.
      probe: (client) => ({ clientId: client.id, contactId: (client.contacts as { id: string }[] | undefined)?.[0]?.id ?? '' }),
    }),
    setClientAddress: command({
      id: 'clientId',
      command: ({ clientId, kind, input }: { clientId: string; kind: AddressKind; input: AddressRequest }) => ({
        type: 'SetClientAddress',
        clientId,
        kind,
        address: { ...input },
      }),
      probe: (client) => ({ clientId: client.id, kind: 'BILLING' as const, input: { line1: 'probe', city: 'probe', postalCode: '0', country: 'US' } }),
    }),
    assignClientOwner: command<{ clientId: string; ownerId: string }>({
      id: 'clientId',
      command: async ({ clientId, ownerId }, _id, env) => ({ type: 'AssignClientOwner', clientId, ...(await newOwner(env, ownerId)) }),
      probe: (client, caller) => ({ clientId: client.id, ownerId: caller.userId }),
    }),
  }),
);
