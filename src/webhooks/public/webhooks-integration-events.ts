/**
 * The integration events of the webhooks context (topic `annals.webhooks`): an endpoint's health,
 * from the events of its own stream, so the notifications context can tell the tenant's admins.
 * A public contract like CRM's (docs/integration-events.md); no secret is ever part of one.
 */
import type { RecordedEvent } from '../../shared/event-store/event-store.port';
import {
  closed,
  CloudEvent,
  cloudEvent,
  IntegrationEventDefinition,
  IntegrationEventModule,
  JsonSchema,
  nonEmpty,
  recordBefore,
  StreamHistory,
  uuid,
} from '../../shared/integration/integration-event';
import { webhookEndpointDecider } from '../domain/webhook-endpoint';
import type { WebhookEndpointEvent } from '../domain/webhook-endpoint.events';
import { webhookEndpointEvents } from '../domain/webhooks.events';

export const WEBHOOKS_TOPIC = 'annals.webhooks';
export const WEBHOOKS_SOURCE = '/annals/webhooks';

export const webhooksIntegrationEventTypes = {
  WebhookEndpointFailing: 'webhooks.endpoint.failing.v1',
  WebhookEndpointDisabled: 'webhooks.endpoint.disabled.v1',
  WebhookEndpointRecovered: 'webhooks.endpoint.recovered.v1',
} as const satisfies Partial<Record<WebhookEndpointEvent['type'], string>>;

type Publishing = keyof typeof webhooksIntegrationEventTypes;

/** The integration event an endpoint's health change publishes (its URL read from the endpoint's history), or null. */
export const toWebhooksIntegrationEvent = (stored: RecordedEvent, history: StreamHistory): CloudEvent | null => {
  if (!(stored.type in webhooksIntegrationEventTypes) || !webhookEndpointEvents.has(stored.type)) return null;
  const event = webhookEndpointEvents.decode(stored);
  const type = webhooksIntegrationEventTypes[event.type as Publishing];
  const endpoint = recordBefore(webhookEndpointDecider, history, stored);
  const { endpointId } = event.data;
  switch (event.type) {
    case 'WebhookEndpointFailing':
      return cloudEvent(WEBHOOKS_SOURCE, event, type, endpointId, {
        endpointId,
        url: endpoint.url,
        since: event.data.since,
        statusCode: event.data.statusCode,
        error: event.data.error,
      });
    case 'WebhookEndpointDisabled':
      return cloudEvent(WEBHOOKS_SOURCE, event, type, endpointId, {
        endpointId,
        url: endpoint.url,
        reason: event.data.reason,
        automatic: event.data.automatic,
        at: event.data.at,
      });
    case 'WebhookEndpointRecovered':
      return cloudEvent(WEBHOOKS_SOURCE, event, type, endpointId, { endpointId, url: endpoint.url, failingSince: event.data.failingSince, at: event.data.at });
    default:
      return null;
  }
};

const time = { type: 'string', format: 'date-time' } as const;
const url = { ...nonEmpty, description: 'The endpoint URL.' };
const endpointId = { ...uuid, description: 'The webhook endpoint.' };
const exampleEndpoint = { endpointId: '4b3a2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d', url: 'https://partner.example/webhooks' };

const definition = (type: string, description: string, schema: JsonSchema, example: Record<string, unknown>): IntegrationEventDefinition => ({
  type,
  context: 'webhooks',
  topic: WEBHOOKS_TOPIC,
  description,
  schema,
  example,
});

export const webhooksIntegrationEventDefinitions: readonly IntegrationEventDefinition[] = [
  definition(
    'webhooks.endpoint.failing.v1',
    'A webhook endpoint failed a delivery after succeeding (or since it was created): it is FAILING until a delivery succeeds.',
    closed({
      endpointId,
      url,
      since: time,
      statusCode: { type: ['integer', 'null'], description: 'The answer of the failed attempt, or null (timeout, refused connection).' },
      error: { type: ['string', 'null'], description: 'Why the attempt failed, when there was no answer.' },
    }),
    { ...exampleEndpoint, since: '2026-12-02T10:00:00.000Z', statusCode: 503, error: null },
  ),
  definition(
    'webhooks.endpoint.disabled.v1',
    'A webhook endpoint was disabled: by an admin, after it answered 410 Gone, or after failing for WEBHOOK_DISABLE_AFTER_HOURS (automatic true). Its deliveries wait until it is enabled.',
    closed({ endpointId, url, reason: nonEmpty, automatic: { type: 'boolean' }, at: time }),
    { ...exampleEndpoint, reason: 'The endpoint answered 410 Gone', automatic: true, at: '2026-12-02T10:05:00.000Z' },
  ),
  definition(
    'webhooks.endpoint.recovered.v1',
    'A FAILING webhook endpoint accepted a delivery again.',
    closed({ endpointId, url, failingSince: time, at: time }),
    { ...exampleEndpoint, failingSince: '2026-12-02T10:00:00.000Z', at: '2026-12-02T11:00:00.000Z' },
  ),
];

/** The webhooks context's part of the integration catalogue (src/integration/integration-catalogue.ts). */
export const webhooksIntegrationEvents: IntegrationEventModule = {
  context: 'webhooks',
  source: WEBHOOKS_SOURCE,
  topic: WEBHOOKS_TOPIC,
  definitions: webhooksIntegrationEventDefinitions,
  storedTypes: Object.keys(webhooksIntegrationEventTypes),
  toIntegrationEvent: toWebhooksIntegrationEvent,
};
