import { Inject, Injectable } from '@nestjs/common';
import type { WebhooksConfig } from '../../config';
import { systemClock } from '../../shared/clock';
import { CommandEnv } from '../../shared/command/command-spec';
import { commandsFor } from '../../shared/command/command-declaration';
import { BadInputError } from '../../shared/domain/domain-error';
import { deterministicId } from '../../shared/domain/ids';
import { EVENT_STORE, EventStore } from '../../shared/event-store/event-store.port';
import { WEBHOOK_ENDPOINTS } from '../../../projections/webhooks/endpoints.projection';
import { webhookEndpointDecider } from '../domain/webhook-endpoint';
import { webhookEndpointStream } from '../domain/webhook-endpoint.events';
import { DeliveryLog } from './delivery-log';
import { DeliveryWorker } from './delivery-worker';
import { EndpointHealth } from './endpoint-health';
import { EventCatalogue } from './event-catalogue';
import { StartJobs } from './start-jobs';
import { checkEndpointUrl } from './url-policy';
import { WEBHOOKS_CONFIG } from './webhooks.config';
import { WebhooksQueries } from './webhooks.queries';
import { newSecret } from './webhook-signature';
import { WebhookSecrets } from './webhook-secrets';

/** How long a rotated-out secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** What endpoint commands consult besides their stream: the URL policy, the catalogue, the secrets, the worker. */
@Injectable()
export class WebhookEndpointServices {
  constructor(
    @Inject(WEBHOOKS_CONFIG) readonly config: WebhooksConfig,
    @Inject(EVENT_STORE) readonly store: EventStore,
    readonly catalogue: EventCatalogue,
    readonly secrets: WebhookSecrets,
    readonly startJobs: StartJobs,
    readonly log: DeliveryLog,
    readonly worker: DeliveryWorker,
    readonly health: EndpointHealth,
  ) {}

  url(url: string): Promise<string> {
    return checkEndpointUrl(url, this.config.allowPrivateNetworks);
  }

  eventTypes(types: string[]): string[] {
    const unknown = this.catalogue.unknownPatterns(types.map((type) => type.trim()));
    if (unknown.length > 0)
      throw new BadInputError({
        eventTypes: [`${unknown.map((u) => `"${u}"`).join(', ')} names no published event type; see webhookEventTypes for the catalogue`],
      });
    return types;
  }
}

/** The first secret of an endpoint: its id follows from the endpoint's. */
const firstSecretId = (endpointId: string) => deterministicId(endpointId, 'webhook-secret', '1');
/** The secret a rotate command made, for its answer. */
const rotated = new WeakMap<CommandEnv, string>();

export interface CreateWebhookEndpointRequest {
  url: string;
  description?: string | null;
  eventTypes?: string[] | null;
  orderedBySubject?: boolean | null;
  rateLimitPerSecond?: number | null;
  backfillFrom?: Date | null;
}

export type UpdateWebhookEndpointRequest = Omit<CreateWebhookEndpointRequest, 'backfillFrom' | 'url'> & { endpointId: string; url?: string | null };

const ADMINS = ['admin'] as const;

export const webhookEndpointCommands = commandsFor(
  webhookEndpointDecider,
  {
    entity: 'webhook endpoint',
    roles: ADMINS,
    stream: webhookEndpointStream,
    answer: { queries: WebhooksQueries, readModels: [WEBHOOK_ENDPOINTS], read: (queries, tenantId, id) => queries.endpoint(tenantId, id) },
  },
  ({ command, answering }) => ({
    createWebhookEndpoint: answering({
      creates: 'webhook-endpoint',
      command: async (input: CreateWebhookEndpointRequest, endpointId, env) => {
        const services = env.get(WebhookEndpointServices);
        return {
          type: 'CreateWebhookEndpoint' as const,
          endpointId,
          secretId: firstSecretId(endpointId),
          url: await services.url(input.url),
          description: input.description ?? '',
          eventTypes: services.eventTypes(input.eventTypes ?? []),
          orderedBySubject: input.orderedBySubject ?? false,
          rateLimitPerSecond: input.rateLimitPerSecond ?? null,
          backfillFrom: input.backfillFrom ? input.backfillFrom.toISOString() : null,
        };
      },
      before: async (create, env) => {
        // Checked first, so a refused create leaves nothing behind; then its secret and start job exist before the endpoint does.
        webhookEndpointDecider.decide(create, webhookEndpointDecider.initialState());
        const services = env.get(WebhookEndpointServices);
        await services.secrets.store(env.tenantId, create.endpointId, create.secretId, newSecret(), env.now);
        const backfillFrom = create.backfillFrom ? new Date(create.backfillFrom) : null;
        // The job's start is compared with the log's recordedAt: log time, not business time (see CLOCK).
        await services.startJobs.add(env.tenantId, create.endpointId, backfillFrom, await services.store.headPosition(), systemClock.now());
      },
      after: async (_result, _input, _id, env) => {
        env.get(WebhookEndpointServices).worker.wake(true);
        return { readModels: [], position: null };
      },
      answer: async (queries, tenantId, id, _input, env) => {
        const endpoint = await queries.endpoint(tenantId, id);
        const secret = await env.get(WebhookEndpointServices).secrets.reveal(tenantId, id, firstSecretId(id));
        return endpoint && secret ? { endpoint, secret } : null;
      },
    }),
    updateWebhookEndpoint: command({
      id: 'endpointId',
      command: async (input: UpdateWebhookEndpointRequest, endpointId: string, env: CommandEnv) => {
        const services = env.get(WebhookEndpointServices);
        return {
          type: 'UpdateWebhookEndpoint' as const,
          endpointId,
          ...(input.url ? { url: await services.url(input.url) } : {}),
          ...(input.description !== undefined && input.description !== null ? { description: input.description } : {}),
          ...(input.eventTypes ? { eventTypes: services.eventTypes(input.eventTypes) } : {}),
          ...(input.orderedBySubject !== undefined && input.orderedBySubject !== null ? { orderedBySubject: input.orderedBySubject } : {}),
          ...(input.rateLimitPerSecond !== undefined ? { rateLimitPerSecond: input.rateLimitPerSecond } : {}),
        };
      },
      after: async (_result, _input, endpointId, env) => {
        env.get(WebhookEndpointServices).health.forget(endpointId);
        return { readModels: [], position: null };
      },
    }),
    disableWebhookEndpoint: command({
      id: 'endpointId',
      command: (input: { endpointId: string; reason?: string | null }, endpointId: string, env: CommandEnv) => ({
        type: 'DisableWebhookEndpoint' as const,
        endpointId,
        reason: input.reason?.trim() || `Disabled by ${env.caller.email}`,
        automatic: false,
        at: env.now.toISOString(),
      }),
      after: async (_result, _input, endpointId, env) => {
        env.get(WebhookEndpointServices).health.disabled(endpointId);
        return { readModels: [], position: null };
      },
    }),
    enableWebhookEndpoint: command({
      id: 'endpointId',
      command: (input: { endpointId: string }) => ({ type: 'EnableWebhookEndpoint' as const, endpointId: input.endpointId }),
      after: async (_result, _input, endpointId, env) => {
        // What it missed while disabled is due at once.
        const services = env.get(WebhookEndpointServices);
        services.health.forget(endpointId);
        await services.log.dueNow(endpointId, services.worker.now());
        return { readModels: [], position: null };
      },
    }),
    deleteWebhookEndpoint: answering({
      id: 'endpointId',
      command: (input: { endpointId: string }) => ({ type: 'DeleteWebhookEndpoint' as const, endpointId: input.endpointId }),
      after: async (_result, _input, endpointId, env) => {
        env.get(WebhookEndpointServices).health.disabled(endpointId);
        return { readModels: [], position: null };
      },
      answer: async (queries, tenantId, id) => ((await queries.endpoint(tenantId, id)) ? null : true),
    }),
    rotateWebhookSecret: answering({
      id: 'endpointId',
      command: (input: { endpointId: string }, endpointId: string, env: CommandEnv) => {
        const secretId = env.createdId('webhook-secret');
        rotated.set(env, secretId);
        return {
          type: 'RotateWebhookSecret' as const,
          endpointId,
          secretId,
          previousExpireAt: new Date(env.now.getTime() + ROTATION_OVERLAP_MS).toISOString(),
        };
      },
      after: async (result, _input, endpointId, env) => {
        const services = env.get(WebhookEndpointServices);
        const secretId = rotated.get(env)!;
        await services.secrets.store(env.tenantId, endpointId, secretId, newSecret(), env.now);
        await services.secrets.expireOthers(endpointId, secretId, new Date(env.now.getTime() + ROTATION_OVERLAP_MS));
        services.worker.forgetSecrets(endpointId);
        return { readModels: [], position: null };
      },
      answer: async (_queries, tenantId, id, _input, env) => {
        const secret = await env.get(WebhookEndpointServices).secrets.reveal(tenantId, id, rotated.get(env)!);
        return secret ? { secret } : null;
      },
    }),
  }),
);
