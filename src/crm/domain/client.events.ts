/**
 * Client events as stored (see lead.events.ts on naming; versions and upcasters in crm.events.ts).
 *
 * ClientRegistered is at version 2: `phone` and `ownerId` as the registration gave them, a field
 * left out meaning none. Version 1 is every ClientRegistered stored without a version: the first
 * builds stored neither field, later ones added both as optional fields, and a missing owner meant
 * the registering actor. Its upcaster says so explicitly.
 */
export type ClientRegistration = {
  clientId: string;
  name: string;
  email: string;
  company: string | null;
  leadId: string | null;
  phone?: string | null;
  ownerId?: string | null;
};
export type ClientRegistered = { type: 'ClientRegistered'; data: ClientRegistration };
/** ClientRegistered as version 1 stored it (read by its upcaster only): the same fields, but a missing owner meant the actor. */
export type ClientRegisteredV1 = { type: 'ClientRegistered'; data: ClientRegistration };
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
  ClientRegistered | ClientDetailsUpdated | ClientArchived | ClientRestored | ContactAdded | ContactRemoved | ClientAddressSet | ClientOwnerAssigned;

export const clientStream = (clientId: string) => `client-${clientId}`;
