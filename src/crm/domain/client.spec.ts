import { deciderSpec, itRefuses } from '../../shared/domain/decider-spec';
import { ClientCommand, RegisterClient, clientDecider } from './client';
import { ClientArchived, ClientRegistered, ClientRestored, ContactAdded } from './client.events';

const given = deciderSpec(clientDecider);
const register: RegisterClient = {
  type: 'RegisterClient',
  clientId: '0c7d8b0e-2f57-4c1c-8d6b-5d7c0c9e1a01',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  company: null,
  leadId: '6f1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11',
};
const registered: ClientRegistered = {
  type: 'ClientRegistered',
  data: { clientId: register.clientId, name: 'Ada Lovelace', email: 'ada@example.com', company: null, leadId: register.leadId },
};

describe('Client', () => {
  it('registers a client', () => given([]).when(register).then([registered]));
  it('registers a client only once', () => given([registered]).when(register).thenThrows('CLIENT_ALREADY_EXISTS'));
});

describe('Client: details, archive, contacts, addresses, owner', () => {
  const clientId = register.clientId;
  const ownerId = '5a0f0e6c-8a8e-4c55-9d5a-0c3b1c1a0a01';
  const direct: RegisterClient = {
    type: 'RegisterClient',
    clientId,
    name: ' Grace Hopper ',
    email: ' Grace@Navy.MIL ',
    company: ' ',
    leadId: null,
    phone: '+1 555 0199',
    ownerId,
  };
  const directRegistered: ClientRegistered = {
    type: 'ClientRegistered',
    data: { clientId, name: 'Grace Hopper', email: 'grace@navy.mil', company: null, leadId: null, phone: '+1 555 0199', ownerId },
  };
  const archived: ClientArchived = { type: 'ClientArchived', data: { clientId, reason: 'went out of business' } };
  const restored: ClientRestored = { type: 'ClientRestored', data: { clientId } };
  const contactId = '7b1e6c2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
  const contactAdded: ContactAdded = {
    type: 'ContactAdded',
    data: { clientId, contactId, name: 'Bob', email: 'bob@example.com', phone: null, role: 'Buyer' },
  };
  const address = { line1: '1 Main St', line2: null, city: 'Springfield', postalCode: '12345', country: 'US' };

  describe('registerClient', () => {
    it('registers a client directly, cleaning the input and recording phone and owner', () => given([]).when(direct).then([directRegistered]));
    itRefuses(given([]).when, direct, [
      ['refuses a blank name', { name: ' ' }, 'NAME_REQUIRED'],
      ['refuses an invalid email', { email: 'grace' }, 'INVALID_EMAIL'],
    ]);
  });

  describe('updateClientDetails', () => {
    it('changes only the fields given', () =>
      given([registered])
        .when({ type: 'UpdateClientDetails', clientId, changes: { company: 'Analytical Engines', phone: '+44 20 7946 0000' } })
        .then([
          {
            type: 'ClientDetailsUpdated',
            data: { clientId, name: 'Ada Lovelace', email: 'ada@example.com', company: 'Analytical Engines', phone: '+44 20 7946 0000' },
          },
        ]));
    it('records nothing when nothing changes', () =>
      given([registered])
        .when({ type: 'UpdateClientDetails', clientId, changes: { name: 'Ada Lovelace' } })
        .then([]));
    it('refuses an invalid email', () =>
      given([registered])
        .when({ type: 'UpdateClientDetails', clientId, changes: { email: 'nope' } })
        .thenThrows('INVALID_EMAIL'));
    it('refuses a blank name', () =>
      given([registered])
        .when({ type: 'UpdateClientDetails', clientId, changes: { name: '' } })
        .thenThrows('NAME_REQUIRED'));
    it('refuses an unknown client', () =>
      given([])
        .when({ type: 'UpdateClientDetails', clientId, changes: { name: 'X' } })
        .thenThrows('NOT_FOUND'));
  });

  describe('archiveClient / restoreClient', () => {
    it('archives a client with a reason', () =>
      given([registered]).when({ type: 'ArchiveClient', clientId, reason: ' went out of business ' }).then([archived]));
    it('archives without a reason', () =>
      given([registered])
        .when({ type: 'ArchiveClient', clientId })
        .then([{ type: 'ClientArchived', data: { clientId, reason: null } }]));
    it('refuses to archive twice', () => given([registered, archived]).when({ type: 'ArchiveClient', clientId }).thenThrows('CLIENT_ARCHIVED'));
    it('restores an archived client', () => given([registered, archived]).when({ type: 'RestoreClient', clientId }).then([restored]));
    it('refuses to restore a client that is not archived', () =>
      given([registered, archived, restored]).when({ type: 'RestoreClient', clientId }).thenThrows('CLIENT_NOT_ARCHIVED'));
    it('refuses to restore an unknown client', () => given([]).when({ type: 'RestoreClient', clientId }).thenThrows('NOT_FOUND'));
    it.each<[string, ClientCommand]>([
      ['updateClientDetails', { type: 'UpdateClientDetails', clientId, changes: { name: 'New' } }],
      ['addContact', { type: 'AddContact', clientId, contactId, name: 'Bob' }],
      ['removeContact', { type: 'RemoveContact', clientId, contactId }],
      ['setClientAddress', { type: 'SetClientAddress', clientId, kind: 'BILLING', address }],
      ['assignClientOwner', { type: 'AssignClientOwner', clientId, ownerId, ownerIsTenantUser: true }],
    ])('an archived client refuses %s', (_name, command) => given([registered, contactAdded, archived]).when(command).thenThrows('CLIENT_ARCHIVED'));
    it('a restored client takes changes again', () =>
      given([registered, archived, restored])
        .when({ type: 'AssignClientOwner', clientId, ownerId, ownerIsTenantUser: true })
        .then([{ type: 'ClientOwnerAssigned', data: { clientId, ownerId } }]));
  });

  describe('contacts', () => {
    it('adds a contact', () =>
      given([registered])
        .when({ type: 'AddContact', clientId, contactId, name: ' Bob ', email: 'Bob@Example.com', phone: '', role: 'Buyer' })
        .then([contactAdded]));
    it('refuses a contact without a name', () => given([registered]).when({ type: 'AddContact', clientId, contactId, name: '  ' }).thenThrows('NAME_REQUIRED'));
    it('refuses a contact with an invalid email', () =>
      given([registered]).when({ type: 'AddContact', clientId, contactId, name: 'Bob', email: 'bob' }).thenThrows('INVALID_EMAIL'));
    it('refuses the same contact id twice', () =>
      given([registered, contactAdded]).when({ type: 'AddContact', clientId, contactId, name: 'Bob' }).thenThrows('CONTACT_ALREADY_EXISTS'));
    it('removes a contact', () =>
      given([registered, contactAdded])
        .when({ type: 'RemoveContact', clientId, contactId })
        .then([{ type: 'ContactRemoved', data: { clientId, contactId } }]));
    it('refuses to remove an unknown contact', () => given([registered]).when({ type: 'RemoveContact', clientId, contactId }).thenThrows('CONTACT_NOT_FOUND'));
    it('refuses to remove a contact twice', () =>
      given([registered, contactAdded, { type: 'ContactRemoved', data: { clientId, contactId } }])
        .when({ type: 'RemoveContact', clientId, contactId })
        .thenThrows('CONTACT_NOT_FOUND'));
  });

  describe('setClientAddress', () => {
    it('sets a billing address, upper-casing the country', () =>
      given([registered])
        .when({ type: 'SetClientAddress', clientId, kind: 'BILLING', address: { ...address, line2: ' ', country: 'us' } })
        .then([{ type: 'ClientAddressSet', data: { clientId, kind: 'BILLING', address } }]));
    it('refuses an address without a city or postal code, naming them', () =>
      given([registered])
        .when({ type: 'SetClientAddress', clientId, kind: 'SHIPPING', address: { ...address, city: ' ', postalCode: '' } })
        .thenThrows('ADDRESS_INCOMPLETE'));
    it('refuses a country that is not a two-letter code', () =>
      given([registered])
        .when({ type: 'SetClientAddress', clientId, kind: 'SHIPPING', address: { ...address, country: 'USA' } })
        .thenThrows('ADDRESS_INCOMPLETE'));
  });

  describe('assignClientOwner', () => {
    it('assigns a user of the tenant', () =>
      given([registered])
        .when({ type: 'AssignClientOwner', clientId, ownerId, ownerIsTenantUser: true })
        .then([{ type: 'ClientOwnerAssigned', data: { clientId, ownerId } }]));
    it('refuses a user of another tenant (or none)', () =>
      given([registered]).when({ type: 'AssignClientOwner', clientId, ownerId, ownerIsTenantUser: false }).thenThrows('OWNER_NOT_IN_TENANT'));
    it('records nothing when the owner is already that user', () =>
      given([directRegistered]).when({ type: 'AssignClientOwner', clientId, ownerId, ownerIsTenantUser: true }).then([]));
  });

  describe('bounded contacts', () => {
    const contacts = Array.from({ length: 100 }, (_, i): ContactAdded => ({
      type: 'ContactAdded',
      data: { clientId, contactId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Contact ${i}`, email: null, phone: null, role: null },
    }));
    it('refuses a 101st contact', () =>
      given([registered, ...contacts])
        .when({ type: 'AddContact', clientId, contactId, name: 'Bob', email: null, phone: null, role: null })
        .thenThrows('TOO_MANY_CONTACTS'));
  });
});
