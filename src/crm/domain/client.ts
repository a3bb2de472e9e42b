import { assertNever, recordDecider } from '../../shared/domain/decider';
import { existing, optionalText } from '../../shared/domain/guards';
import { CrmError, CrmErrorCode } from './crm.error';
import { AddressKind, ClientEvent, ClientRegistration, PostalAddress } from './client.events';
import { changesOwner, validEmail, validName } from './crm-rules';
import { clientEvents } from './crm.events';

/**
 * What the registration records, as given: a direct registration gives the phone, a converted
 * lead's client has none here; the owner is the registering user unless one is given.
 */

/** The most contacts one client has: the client's contact list stays short enough to show whole. */
export const MAX_CONTACTS = 100;
export type RegisterClient = { type: 'RegisterClient' } & Omit<ClientRegistration, 'ownerId'> & { ownerId?: string };
export type UpdateClientDetails = {
  type: 'UpdateClientDetails';
  clientId: string;
  /** Only the fields given change; null clears an optional one. */
  changes: { name?: string; email?: string; company?: string | null; phone?: string | null };
};
export type ArchiveClient = { type: 'ArchiveClient'; clientId: string; reason?: string | null };
export type RestoreClient = { type: 'RestoreClient'; clientId: string };
export type AddContact = {
  type: 'AddContact';
  clientId: string;
  contactId: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  role?: string | null;
};
export type RemoveContact = { type: 'RemoveContact'; clientId: string; contactId: string };
export type SetClientAddress = {
  type: 'SetClientAddress';
  clientId: string;
  kind: AddressKind;
  address: { line1: string; line2?: string | null; city: string; postalCode: string; country: string };
};
/** `ownerIsTenantUser` is looked up by the handler (the users table): the decider stays pure. */
export type AssignClientOwner = { type: 'AssignClientOwner'; clientId: string; ownerId: string; ownerIsTenantUser: boolean };

export type ClientCommand =
  RegisterClient | UpdateClientDetails | ArchiveClient | RestoreClient | AddContact | RemoveContact | SetClientAddress | AssignClientOwner;

type Details = { name: string; email: string; company: string | null; phone: string | null };
export type ActiveClient = {
  status: 'ACTIVE' | 'ARCHIVED';
  id: string;
  leadId: string | null;
  details: Details;
  contactIds: string[];
  ownerId: string | null;
};
export type Client = { status: 'NONE' } | ActiveClient;

/** Every change but restoring is refused while the client is archived. */
const changeable = (state: Client, clientId: string): ActiveClient => {
  const client = existing(state, 'client', clientId);
  if (client.status === 'ARCHIVED') throw new CrmError(CrmErrorCode.ClientArchived, 'This client is archived; restore it before changing it');
  return client;
};

const COUNTRY = /^[A-Z]{2}$/;

const validAddress = (input: SetClientAddress['address']): PostalAddress => {
  const address = {
    line1: optionalText(input.line1),
    line2: optionalText(input.line2),
    city: optionalText(input.city),
    postalCode: optionalText(input.postalCode),
    country: optionalText(input.country)?.toUpperCase() ?? null,
  };
  const missing = (['line1', 'city', 'postalCode', 'country'] as const).filter((field) => !address[field]);
  if (missing.length > 0) throw new CrmError(CrmErrorCode.AddressIncomplete, `An address needs ${missing.join(', ')}`, { missing });
  if (!COUNTRY.test(address.country!))
    throw new CrmError(CrmErrorCode.AddressIncomplete, `"${input.country}" is not a country code; use the two letters of ISO 3166-1, such as US or DE`);
  return address as PostalAddress;
};

export const decide = (command: ClientCommand, state: Client): ClientEvent[] => {
  switch (command.type) {
    case 'RegisterClient': {
      if (state.status !== 'NONE') throw new CrmError(CrmErrorCode.ClientAlreadyExists, `Client ${command.clientId} already exists`);
      const { clientId, leadId } = command;
      const name = validName(command.name, 'client');
      const email = validEmail(command.email);
      const company = optionalText(command.company);
      return [
        {
          type: 'ClientRegistered',
          data: {
            clientId,
            name,
            email,
            company,
            leadId,
            ...(command.phone !== undefined ? { phone: optionalText(command.phone) } : {}),
            ...(command.ownerId !== undefined ? { ownerId: command.ownerId } : {}),
          },
        },
      ];
    }
    case 'UpdateClientDetails': {
      const client = changeable(state, command.clientId);
      const { changes } = command;
      const next: Details = {
        name: changes.name !== undefined ? validName(changes.name, 'client') : client.details.name,
        email: changes.email !== undefined ? validEmail(changes.email) : client.details.email,
        company: changes.company !== undefined ? optionalText(changes.company) : client.details.company,
        phone: changes.phone !== undefined ? optionalText(changes.phone) : client.details.phone,
      };
      const same = (Object.keys(next) as (keyof Details)[]).every((field) => next[field] === client.details[field]);
      if (same) return [];
      return [{ type: 'ClientDetailsUpdated', data: { clientId: client.id, ...next } }];
    }
    case 'ArchiveClient': {
      const client = changeable(state, command.clientId);
      return [{ type: 'ClientArchived', data: { clientId: client.id, reason: optionalText(command.reason) } }];
    }
    case 'RestoreClient': {
      const client = existing(state, 'client', command.clientId);
      if (client.status !== 'ARCHIVED') throw new CrmError(CrmErrorCode.ClientNotArchived, 'This client is not archived; there is nothing to restore');
      return [{ type: 'ClientRestored', data: { clientId: client.id } }];
    }
    case 'AddContact': {
      const client = changeable(state, command.clientId);
      if (client.contactIds.includes(command.contactId))
        throw new CrmError(CrmErrorCode.ContactAlreadyExists, `Contact ${command.contactId} is already on this client`);
      if (client.contactIds.length >= MAX_CONTACTS)
        throw new CrmError(CrmErrorCode.TooManyContacts, `This client already has ${MAX_CONTACTS} contacts, the most one client takes; remove one first`);
      const name = validName(command.name, 'contact');
      const email = optionalText(command.email);
      return [
        {
          type: 'ContactAdded',
          data: {
            clientId: client.id,
            contactId: command.contactId,
            name,
            email: email === null ? null : validEmail(email),
            phone: optionalText(command.phone),
            role: optionalText(command.role),
          },
        },
      ];
    }
    case 'RemoveContact': {
      const client = changeable(state, command.clientId);
      if (!client.contactIds.includes(command.contactId))
        throw new CrmError(CrmErrorCode.ContactNotFound, `This client has no contact ${command.contactId}; it may have been removed already`);
      return [{ type: 'ContactRemoved', data: { clientId: client.id, contactId: command.contactId } }];
    }
    case 'SetClientAddress': {
      const client = changeable(state, command.clientId);
      return [{ type: 'ClientAddressSet', data: { clientId: client.id, kind: command.kind, address: validAddress(command.address) } }];
    }
    case 'AssignClientOwner': {
      const client = changeable(state, command.clientId);
      if (!changesOwner(client.ownerId, command)) return [];
      return [{ type: 'ClientOwnerAssigned', data: { clientId: client.id, ownerId: command.ownerId } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (state: Client, event: ClientEvent): Client => {
  if (event.type === 'ClientRegistered') {
    const { clientId, name, email, company, leadId, phone, ownerId } = event.data;
    return {
      status: 'ACTIVE',
      id: clientId,
      leadId,
      details: { name, email, company, phone: phone ?? null },
      contactIds: [],
      ownerId: ownerId ?? null,
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'ClientDetailsUpdated': {
      const { name, email, company, phone } = event.data;
      return { ...state, details: { name, email, company, phone } };
    }
    case 'ClientArchived':
      return { ...state, status: 'ARCHIVED' };
    case 'ClientRestored':
      return { ...state, status: 'ACTIVE' };
    case 'ContactAdded':
      return { ...state, contactIds: [...state.contactIds, event.data.contactId] };
    case 'ContactRemoved':
      return { ...state, contactIds: state.contactIds.filter((id) => id !== event.data.contactId) };
    case 'ClientAddressSet':
      return state;
    case 'ClientOwnerAssigned':
      return { ...state, ownerId: event.data.ownerId };
    default:
      return assertNever(event);
  }
};

export const clientDecider = recordDecider<Client, ClientCommand, ClientEvent>({ events: clientEvents, decide, evolve });
