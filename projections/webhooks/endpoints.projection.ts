import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { webhookEndpointEvents } from '../../src/webhooks/domain/webhooks.events';
import { WebhookEndpointEvent } from '../../src/webhooks/domain/webhook-endpoint.events';

export const WEBHOOK_ENDPOINTS = 'webhooks.endpoints';

export interface WebhookEndpointRow {
  id: string;
  tenant_id: string;
  url: string;
  description: string;
  event_types: string[];
  ordered_by_subject: boolean;
  rate_limit_per_second: number | null;
  backfill_from: string | Date | null;
  status: string;
  failing_since: string | Date | null;
  disabled_reason: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

/** An endpoint as partners' admins see it; a deleted one is gone from the read model. */
export const applyWebhookEndpointEvent = (row: WebhookEndpointRow | null, event: Recorded<WebhookEndpointEvent>): WebhookEndpointRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  if (event.type === 'WebhookEndpointCreated') {
    const { endpointId, url, description, eventTypes, orderedBySubject, rateLimitPerSecond, backfillFrom } = event.data;
    return {
      id: endpointId,
      tenant_id: event.metadata.tenantId,
      url,
      description,
      event_types: eventTypes,
      ordered_by_subject: orderedBySubject,
      rate_limit_per_second: rateLimitPerSecond,
      backfill_from: backfillFrom,
      status: 'ACTIVE',
      failing_since: null,
      disabled_reason: null,
      created_at: event.recordedAt,
      ...touched,
    };
  }
  if (!row) return null;
  switch (event.type) {
    case 'WebhookEndpointUpdated': {
      const { url, description, eventTypes, orderedBySubject, rateLimitPerSecond } = event.data;
      return { ...row, url, description, event_types: eventTypes, ordered_by_subject: orderedBySubject, rate_limit_per_second: rateLimitPerSecond, ...touched };
    }
    case 'WebhookEndpointDisabled':
      return { ...row, status: 'DISABLED', disabled_reason: event.data.reason, ...touched };
    case 'WebhookEndpointEnabled':
      return { ...row, status: 'ACTIVE', disabled_reason: null, failing_since: null, ...touched };
    case 'WebhookEndpointDeleted':
      return null;
    case 'WebhookSecretRotated':
      return { ...row, ...touched };
    case 'WebhookEndpointFailing':
      return { ...row, status: 'FAILING', failing_since: event.data.since, ...touched };
    case 'WebhookEndpointRecovered':
      return { ...row, status: 'ACTIVE', failing_since: null, ...touched };
  }
};

export const webhookEndpointsProjection = rowProjection({
  name: WEBHOOK_ENDPOINTS,
  table: 'webhooks_endpoints',
  handles: webhookEndpointEvents.types,
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    url: 'text',
    description: 'text',
    event_types: 'jsonb',
    ordered_by_subject: 'boolean',
    rate_limit_per_second: 'integer',
    backfill_from: 'timestamptz',
    status: 'text',
    failing_since: 'timestamptz',
    disabled_reason: 'text',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  events: webhookEndpointEvents,
  key: (event) => event.data.endpointId,
  apply: applyWebhookEndpointEvent,
  creates: ['WebhookEndpointCreated'],
});
