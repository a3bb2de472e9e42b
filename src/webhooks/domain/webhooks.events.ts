import { defineEvents, EventOf } from '../../shared/domain/event-registry';
import { WebhookEndpointEvent } from './webhook-endpoint.events';

/** Every event the webhooks context stores, registered once (rules in src/shared/domain/event-registry.ts). */
export const webhookEndpointEvents = defineEvents<WebhookEndpointEvent>('webhooks.endpoint', {
  WebhookEndpointCreated: 1,
  WebhookEndpointUpdated: 1,
  WebhookEndpointDisabled: 1,
  WebhookEndpointEnabled: 1,
  WebhookEndpointDeleted: 1,
  WebhookSecretRotated: 1,
  WebhookEndpointFailing: 1,
  WebhookEndpointRecovered: 1,
});

export const webhooksEvents = webhookEndpointEvents;
export type WebhooksEvent = EventOf<typeof webhooksEvents>;
