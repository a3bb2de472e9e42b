/**
 * Client events as stored (see lead.events.ts on naming). `phone` and `ownerId` were added to
 * ClientRegistered later as optional fields: events stored before carry neither, and readers
 * fall back to no phone and the registering actor as the owner.
 */
export type ClientRegistered = {
  type: 'ClientRegistered';
  data: {
    clientId: string;
    name: string;
    email: string;
    company: string | null;
    leadId: string | null;
    phone?: string | null;
    ownerId?: string | null;
  };
};
/** The full details after the change, so a reader never needs the previous event. */
export type ClientDetailsUpdated = {
  type: 'ClientDetailsUpdated';
  data: { clientId: string; name: string; email: string; company: string | null; phone: string | null };
};
export type ClientArchived = { type: 'ClientArchived'; data: { clientId: string; reason: string | null } };
export type ClientRestored = { type: 'ClientRestored'; data: { clientId: string } };

export type ContactDetails = { contactId: string; name: string; email: string | null; phone: string | null; role: string | null };
export type ContactAdded = { type: 'ContactAdded'; data: { clientId: string } & ContactDetails };
export type ContactRemoved = { type: 'ContactRemoved'; data: { clientId: string; contactId: string } };

export type AddressKind = 'BILLING' | 'SHIPPING';
export type PostalAddress = { line1: string; line2: string | null; city: string; postalCode: string; country: string };
export type ClientAddressSet = { type: 'ClientAddressSet'; data: { clientId: string; kind: AddressKind; address: PostalAddress } };

export type ClientOwnerAssigned = { type: 'ClientOwnerAssigned'; data: { clientId: string; ownerId: string } };

export type ClientEvent =
  | ClientRegistered
  | ClientDetailsUpdated
  | ClientArchived
  | ClientRestored
  | ContactAdded
  | ContactRemoved
  | ClientAddressSet
  | ClientOwnerAssigned;

export const CLIENT_EVENT_TYPES: readonly ClientEvent['type'][] = [
  'ClientRegistered',
  'ClientDetailsUpdated',
  'ClientArchived',
  'ClientRestored',
  'ContactAdded',
  'ContactRemoved',
  'ClientAddressSet',
  'ClientOwnerAssigned',
];

export const clientStream = (clientId: string) => `client-${clientId}`;
