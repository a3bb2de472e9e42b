/**
 * Lead events as stored. The `type` strings are the stored names: never rename one; a changed
 * shape keeps the name, gets the next version and an upcaster from the old one, registered in
 * crm.events.ts (the rules are in src/shared/domain/event-registry.ts).
 */
export type LeadCaptured = {
  type: 'LeadCaptured';
  data: { leadId: string; name: string; email: string; company: string | null; phone: string | null; source: string | null };
};
export type LeadQualified = { type: 'LeadQualified'; data: { leadId: string } };
export type LeadDisqualified = { type: 'LeadDisqualified'; data: { leadId: string; reason: string } };
export type LeadConverted = { type: 'LeadConverted'; data: { leadId: string; clientId: string } };
/** A lead's owner is the user who captured it (the event's actor) until one of these. */
export type LeadOwnerAssigned = { type: 'LeadOwnerAssigned'; data: { leadId: string; ownerId: string } };

export type LeadEvent = LeadCaptured | LeadQualified | LeadDisqualified | LeadConverted | LeadOwnerAssigned;

export const leadStream = (leadId: string) => `lead-${leadId}`;
