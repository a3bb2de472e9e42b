import { Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { APP_CONFIG } from '../shared/tokens';
import { WebhooksResolver } from './api/webhooks.resolver';
import { DeliveryLog } from './application/delivery-log';
import { DeliveryWorker } from './application/delivery-worker';
import { EndpointHealth } from './application/endpoint-health';
import { EventCatalogue } from './application/event-catalogue';
import { StartJobs } from './application/start-jobs';
import { WebhookDispatcher } from './application/webhook-dispatcher';
import { WebhookEndpointServices } from './application/webhook-endpoint.commands';
import { WebhookOperations } from './application/webhook-operations';
import { WebhookSecrets } from './application/webhook-secrets';
import { resolveWebhooksConfig, WEBHOOKS_CONFIG } from './application/webhooks.config';
import { WebhooksQueries } from './application/webhooks.queries';
import { WebhooksAuditThread } from './application/webhooks-audit-thread';

/** Partners' webhooks: endpoints (commands), the dispatcher (an integration-event consumer), the delivery worker, the log. */
@Module({
  providers: [
    { provide: WEBHOOKS_CONFIG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveWebhooksConfig(config) },
    EventCatalogue,
    WebhookSecrets,
    DeliveryLog,
    StartJobs,
    EndpointHealth,
    DeliveryWorker,
    WebhookDispatcher,
    WebhookEndpointServices,
    WebhookOperations,
    WebhooksQueries,
    WebhooksResolver,
    WebhooksAuditThread,
  ],
  exports: [WebhooksQueries, DeliveryWorker],
})
export class WebhooksModule {}
