/**
 * Webhook endpoint events as stored (names fixed forever, see crm/domain/lead.events.ts). No event
 * carries a signing secret: secrets live in their own table and events name them by id only.
 */
export interface EndpointConfig {
  url: string;
  description: string;
  /** Exact integration event types and `prefix.*` patterns; empty: every type. */
  eventTypes: string[];
  orderedBySubject: boolean;
  rateLimitPerSecond: number | null;
}

export type WebhookEndpointCreated = {
  type: 'WebhookEndpointCreated';
  data: EndpointConfig & { endpointId: string; backfillFrom: string | null; secretId: string };
};
export type WebhookEndpointUpdated = { type: 'WebhookEndpointUpdated'; data: EndpointConfig & { endpointId: string } };
/** By an admin (automatic false), or by annals: a 410 answer, or no success for WEBHOOK_DISABLE_AFTER_HOURS. */
export type WebhookEndpointDisabled = { type: 'WebhookEndpointDisabled'; data: { endpointId: string; reason: string; automatic: boolean; at: string } };
export type WebhookEndpointEnabled = { type: 'WebhookEndpointEnabled'; data: { endpointId: string } };
export type WebhookEndpointDeleted = { type: 'WebhookEndpointDeleted'; data: { endpointId: string } };
/** A new secret signs from now; the previous ones keep signing beside it until `previousExpireAt`. */
export type WebhookSecretRotated = { type: 'WebhookSecretRotated'; data: { endpointId: string; secretId: string; previousExpireAt: string } };
/** The first failed delivery after a success (or since creation). */
export type WebhookEndpointFailing = {
  type: 'WebhookEndpointFailing';
  data: { endpointId: string; since: string; statusCode: number | null; error: string | null };
};
/** A success after failures. */
export type WebhookEndpointRecovered = { type: 'WebhookEndpointRecovered'; data: { endpointId: string; at: string; failingSince: string } };

export type WebhookEndpointEvent =
  | WebhookEndpointCreated
  | WebhookEndpointUpdated
  | WebhookEndpointDisabled
  | WebhookEndpointEnabled
  | WebhookEndpointDeleted
  | WebhookSecretRotated
  | WebhookEndpointFailing
  | WebhookEndpointRecovered;

export const webhookEndpointStream = (endpointId: string) => `webhookendpoint-${endpointId}`;
