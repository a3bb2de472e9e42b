import { deciderSpec, itRefuses } from '../../shared/domain/decider-spec';
import { CreateWebhookEndpoint, webhookEndpointDecider } from './webhook-endpoint';
import { WebhookEndpointCreated, WebhookEndpointFailing } from './webhook-endpoint.events';

const given = deciderSpec(webhookEndpointDecider);
const endpointId = '7a1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11';
const secretId = '1b1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11';
const config = { url: 'https://partner.example/hooks', description: 'CRM feed', eventTypes: ['crm.*'], orderedBySubject: false, rateLimitPerSecond: null };
const create: CreateWebhookEndpoint = { type: 'CreateWebhookEndpoint', endpointId, secretId, backfillFrom: null, ...config, description: ' CRM feed ' };
const created: WebhookEndpointCreated = { type: 'WebhookEndpointCreated', data: { endpointId, secretId, backfillFrom: null, ...config } };
const failing: WebhookEndpointFailing = {
  type: 'WebhookEndpointFailing',
  data: { endpointId, since: '2026-12-01T00:00:00.000Z', statusCode: 500, error: null },
};
const HOUR = 3_600_000;
const failure = (at: string) => ({ type: 'RecordDeliveryFailure' as const, endpointId, at, statusCode: 500, error: null, disableAfterMs: 120 * HOUR });

describe('WebhookEndpoint', () => {
  it('is created with its configuration trimmed, naming its secret by id only', () => given([]).when(create).then([created]));
  itRefuses(given([]).when, create, [
    ['refuses an event type that is neither a type nor a prefix', { eventTypes: ['billing invoice'] }, 'BAD_USER_INPUT'],
    ['refuses a rate limit of 0', { rateLimitPerSecond: 0 }, 'BAD_USER_INPUT'],
    ['refuses a fractional rate limit', { rateLimitPerSecond: 1.5 }, 'BAD_USER_INPUT'],
  ]);
  it('refuses to create the same endpoint twice', () => given([created]).when(create).thenThrows('WEBHOOK_ENDPOINT_ALREADY_EXISTS'));
  it('records nothing for an update that changes nothing', () =>
    given([created]).when({ type: 'UpdateWebhookEndpoint', endpointId, description: 'CRM feed' }).then([]));

  describe('health', () => {
    it('goes FAILING at the first failed delivery', () =>
      given([created])
        .when(failure('2026-12-01T00:00:00.000Z'))
        .then([{ type: 'WebhookEndpointFailing', data: { endpointId, since: '2026-12-01T00:00:00.000Z', statusCode: 500, error: null } }]));
    it('stays FAILING (no new event) before the disable delay', () => given([created, failing]).when(failure('2026-12-05T00:00:00.000Z')).then([]));
    it('is disabled after the delay without a success', () =>
      given([created, failing])
        .when(failure('2026-12-06T00:00:00.000Z'))
        .then([
          {
            type: 'WebhookEndpointDisabled',
            data: {
              endpointId,
              automatic: true,
              at: '2026-12-06T00:00:00.000Z',
              reason: 'No successful delivery for 120 hours (failing since 2026-12-01T00:00:00.000Z)',
            },
          },
        ]));
    it('recovers at a success', () =>
      given([created, failing])
        .when({ type: 'RecordDeliverySuccess', endpointId, at: '2026-12-02T00:00:00.000Z' })
        .then([{ type: 'WebhookEndpointRecovered', data: { endpointId, at: '2026-12-02T00:00:00.000Z', failingSince: '2026-12-01T00:00:00.000Z' } }]));
    it('is disabled by a 410', () =>
      given([created])
        .when({ type: 'RecordEndpointGone', endpointId, at: '2026-12-02T00:00:00.000Z' })
        .then([
          { type: 'WebhookEndpointDisabled', data: { endpointId, automatic: true, at: '2026-12-02T00:00:00.000Z', reason: 'The endpoint answered 410 Gone' } },
        ]));
  });

  it('refuses to enable an endpoint that is not disabled', () =>
    given([created]).when({ type: 'EnableWebhookEndpoint', endpointId }).thenThrows('WEBHOOK_ENDPOINT_NOT_DISABLED'));
  it('refuses every change to a deleted endpoint', () =>
    given([created, { type: 'WebhookEndpointDeleted', data: { endpointId } }])
      .when({ type: 'UpdateWebhookEndpoint', endpointId, url: 'https://x.example' })
      .thenThrows('WEBHOOK_ENDPOINT_DELETED'));
});
