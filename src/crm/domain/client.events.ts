/** Client events as stored (see lead.events.ts on naming). */
export type ClientRegistered = {
  type: 'ClientRegistered';
  data: { clientId: string; name: string; email: string; company: string | null; leadId: string | null };
};

export type ClientEvent = ClientRegistered;

export const clientStream = (clientId: string) => `client-${clientId}`;
