import { assertNever, recordDecider } from '../../shared/domain/decider';
import { BadInputError } from '../../shared/domain/domain-error';
import { existing } from '../../shared/domain/guards';
import { EndpointConfig, WebhookEndpointEvent } from './webhook-endpoint.events';
import { webhookEndpointEvents } from './webhooks.events';
import { WebhooksError, WebhooksErrorCode } from './webhooks.error';

export type CreateWebhookEndpoint = { type: 'CreateWebhookEndpoint'; endpointId: string; secretId: string; backfillFrom: string | null } & EndpointConfig;
export type UpdateWebhookEndpoint = { type: 'UpdateWebhookEndpoint'; endpointId: string } & Partial<EndpointConfig>;
export type DisableWebhookEndpoint = { type: 'DisableWebhookEndpoint'; endpointId: string; reason: string; automatic: boolean; at: string };
export type EnableWebhookEndpoint = { type: 'EnableWebhookEndpoint'; endpointId: string };
export type DeleteWebhookEndpoint = { type: 'DeleteWebhookEndpoint'; endpointId: string };
export type RotateWebhookSecret = { type: 'RotateWebhookSecret'; endpointId: string; secretId: string; previousExpireAt: string };
/** What the delivery worker saw: a failed attempt (health goes FAILING, then DISABLED after `disableAfterMs` without success). */
export type RecordDeliveryFailure = {
  type: 'RecordDeliveryFailure';
  endpointId: string;
  at: string;
  statusCode: number | null;
  error: string | null;
  disableAfterMs: number;
};
export type RecordDeliverySuccess = { type: 'RecordDeliverySuccess'; endpointId: string; at: string };
/** The endpoint answered 410 Gone: it asks not to be called again. */
export type RecordEndpointGone = { type: 'RecordEndpointGone'; endpointId: string; at: string };

export type WebhookEndpointCommand =
  | CreateWebhookEndpoint
  | UpdateWebhookEndpoint
  | DisableWebhookEndpoint
  | EnableWebhookEndpoint
  | DeleteWebhookEndpoint
  | RotateWebhookSecret
  | RecordDeliveryFailure
  | RecordDeliverySuccess
  | RecordEndpointGone;

export type EndpointStatus = 'ACTIVE' | 'FAILING' | 'DISABLED' | 'DELETED';

export type WebhookEndpoint =
  { status: 'NONE' } | ({ status: EndpointStatus; id: string; failingSince: string | null; disabledReason: string | null } & EndpointConfig);

export const MAX_EVENT_TYPES = 100;
export const MAX_RATE_LIMIT = 10_000;
const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*|\.v[0-9]+)?$|^\*$/;

/** The configuration as given, trimmed and checked; a field that is wrong is BAD_USER_INPUT naming it. */
const checked = (config: EndpointConfig): EndpointConfig => {
  const fields: Record<string, string[]> = {};
  const eventTypes = [...new Set(config.eventTypes.map((type) => type.trim()))];
  if (eventTypes.length > MAX_EVENT_TYPES) fields.eventTypes = [`at most ${MAX_EVENT_TYPES} event types; use a prefix such as "billing.*" instead`];
  const bad = eventTypes.filter((type) => !EVENT_TYPE_PATTERN.test(type));
  if (bad.length > 0)
    fields.eventTypes = [`${bad.map((b) => `"${b}"`).join(', ')}: give exact types such as "billing.invoice.paid.v1" or prefixes such as "billing.*"`];
  const limit = config.rateLimitPerSecond;
  if (limit !== null && (!Number.isInteger(limit) || limit < 1 || limit > MAX_RATE_LIMIT))
    fields.rateLimitPerSecond = [`rateLimitPerSecond must be a whole number from 1 to ${MAX_RATE_LIMIT}, or null for no limit`];
  if (Object.keys(fields).length > 0) throw new BadInputError(fields);
  return { url: config.url.trim(), description: config.description.trim(), eventTypes, orderedBySubject: config.orderedBySubject, rateLimitPerSecond: limit };
};

export const decide = (command: WebhookEndpointCommand, state: WebhookEndpoint): WebhookEndpointEvent[] => {
  if (command.type === 'CreateWebhookEndpoint') {
    if (state.status !== 'NONE') throw new WebhooksError(WebhooksErrorCode.EndpointAlreadyExists, `Webhook endpoint ${command.endpointId} already exists`);
    const { endpointId, secretId, backfillFrom } = command;
    return [{ type: 'WebhookEndpointCreated', data: { endpointId, secretId, backfillFrom, ...checked(command) } }];
  }
  const endpoint = existing(state, 'webhook endpoint', command.endpointId);
  if (endpoint.status === 'DELETED') {
    if (command.type === 'DeleteWebhookEndpoint' || command.type.startsWith('Record')) return [];
    throw new WebhooksError(WebhooksErrorCode.EndpointDeleted, `Webhook endpoint ${endpoint.id} was deleted; create a new one`);
  }
  const endpointId = endpoint.id;
  switch (command.type) {
    case 'UpdateWebhookEndpoint': {
      const { url, description, eventTypes, orderedBySubject, rateLimitPerSecond } = endpoint;
      const next = checked({
        url: command.url ?? url,
        description: command.description ?? description,
        eventTypes: command.eventTypes ?? eventTypes,
        orderedBySubject: command.orderedBySubject ?? orderedBySubject,
        rateLimitPerSecond: command.rateLimitPerSecond === undefined ? rateLimitPerSecond : command.rateLimitPerSecond,
      });
      const same =
        next.url === url &&
        next.description === description &&
        next.orderedBySubject === orderedBySubject &&
        next.rateLimitPerSecond === rateLimitPerSecond &&
        JSON.stringify(next.eventTypes) === JSON.stringify(eventTypes);
      return same ? [] : [{ type: 'WebhookEndpointUpdated', data: { endpointId, ...next } }];
    }
    case 'DisableWebhookEndpoint':
      if (endpoint.status === 'DISABLED') {
        if (command.automatic) return [];
        throw new WebhooksError(WebhooksErrorCode.EndpointAlreadyDisabled, `Webhook endpoint ${endpointId} is already disabled (${endpoint.disabledReason})`);
      }
      return [{ type: 'WebhookEndpointDisabled', data: { endpointId, reason: command.reason, automatic: command.automatic, at: command.at } }];
    case 'EnableWebhookEndpoint':
      if (endpoint.status !== 'DISABLED')
        throw new WebhooksError(WebhooksErrorCode.EndpointNotDisabled, `Webhook endpoint ${endpointId} is ${endpoint.status}, not DISABLED`);
      return [{ type: 'WebhookEndpointEnabled', data: { endpointId } }];
    case 'DeleteWebhookEndpoint':
      return [{ type: 'WebhookEndpointDeleted', data: { endpointId } }];
    case 'RotateWebhookSecret':
      return [{ type: 'WebhookSecretRotated', data: { endpointId, secretId: command.secretId, previousExpireAt: command.previousExpireAt } }];
    case 'RecordDeliveryFailure':
      if (endpoint.status === 'ACTIVE')
        return [{ type: 'WebhookEndpointFailing', data: { endpointId, since: command.at, statusCode: command.statusCode, error: command.error } }];
      if (endpoint.status === 'FAILING' && endpoint.failingSince && Date.parse(command.at) - Date.parse(endpoint.failingSince) >= command.disableAfterMs) {
        const hours = Math.round(command.disableAfterMs / 3_600_000);
        const reason = `No successful delivery for ${hours} hours (failing since ${endpoint.failingSince})`;
        return [{ type: 'WebhookEndpointDisabled', data: { endpointId, reason, automatic: true, at: command.at } }];
      }
      return [];
    case 'RecordDeliverySuccess':
      return endpoint.status === 'FAILING' && endpoint.failingSince
        ? [{ type: 'WebhookEndpointRecovered', data: { endpointId, at: command.at, failingSince: endpoint.failingSince } }]
        : [];
    case 'RecordEndpointGone':
      if (endpoint.status === 'DISABLED') return [];
      return [{ type: 'WebhookEndpointDisabled', data: { endpointId, reason: 'The endpoint answered 410 Gone', automatic: true, at: command.at } }];
    default:
      return assertNever(command);
  }
};

export const evolve = (state: WebhookEndpoint, event: WebhookEndpointEvent): WebhookEndpoint => {
  if (event.type === 'WebhookEndpointCreated') {
    const { endpointId, url, description, eventTypes, orderedBySubject, rateLimitPerSecond } = event.data;
    return { status: 'ACTIVE', id: endpointId, url, description, eventTypes, orderedBySubject, rateLimitPerSecond, failingSince: null, disabledReason: null };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'WebhookEndpointUpdated': {
      const { url, description, eventTypes, orderedBySubject, rateLimitPerSecond } = event.data;
      return { ...state, url, description, eventTypes, orderedBySubject, rateLimitPerSecond };
    }
    case 'WebhookEndpointDisabled':
      return { ...state, status: 'DISABLED', disabledReason: event.data.reason };
    case 'WebhookEndpointEnabled':
      // Health starts afresh: the next failure says FAILING again.
      return { ...state, status: 'ACTIVE', disabledReason: null, failingSince: null };
    case 'WebhookEndpointDeleted':
      return { ...state, status: 'DELETED' };
    case 'WebhookSecretRotated':
      return state;
    case 'WebhookEndpointFailing':
      return { ...state, status: 'FAILING', failingSince: event.data.since };
    case 'WebhookEndpointRecovered':
      return { ...state, status: 'ACTIVE', failingSince: null };
    default:
      return assertNever(event);
  }
};

export const webhookEndpointDecider = recordDecider<WebhookEndpoint, WebhookEndpointCommand, WebhookEndpointEvent>({
  events: webhookEndpointEvents,
  decide,
  evolve,
});
