import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { CloudEvent } from '../../shared/integration/integration-event';
import type { IntegrationEventSource, IntegrationSubscription } from '../../integration/integration-event-source';
import { INTEGRATION_EVENT_SOURCE } from '../../integration/integration.module';
import { Clock, CLOCK } from '../../shared/clock';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { DeliveryLog } from './delivery-log';
import { DeliveryWorker } from './delivery-worker';
import type { WebhooksConfig } from '../../config';
import { WEBHOOKS_CONFIG } from './webhooks.config';
import { deliveriesFor, EndpointMatch } from './endpoint-match';

/**
 * Turns integration events into scheduled deliveries: a consumer of the one integration-event source
 * (a reactor of the processor runtime on the event store, a consumer group on Kafka). A batch is done
 * only once its deliveries are committed to the delivery log, so the source's checkpoint (or offset)
 * moves past an event only after it is durably owed to every endpoint that matches it. Sending is the
 * delivery worker's job: a slow endpoint never holds the dispatcher.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription?: IntegrationSubscription;

  constructor(
    @Inject(INTEGRATION_EVENT_SOURCE) private readonly source: IntegrationEventSource,
    @Inject(DATABASE) private readonly database: Pick<Database, 'pool'>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly log: DeliveryLog,
    private readonly worker: DeliveryWorker,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A batch that owes no endpoint anything leaves nothing to make durable (see IntegrationEventHandler).
    this.subscription = await this.source.subscribe(this.config.dispatcherName, async (events) => (await this.dispatch(events)) > 0);
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
  }

  /** Schedules what a batch owes; resolves once it is committed. */
  async dispatch(events: readonly CloudEvent[]): Promise<number> {
    const tenants = [...new Set(events.map((event) => event.tenantid))];
    // Read after the batch: an endpoint that is not in the read model yet is covered by its start job.
    const { rows } = await this.database.pool.query<EndpointMatch>(
      `SELECT id, tenant_id, event_types, created_at FROM webhooks_endpoints WHERE tenant_id = ANY($1::text[])`,
      [tenants],
    );
    if (rows.length === 0) return 0;
    const scheduled = await this.log.schedule(deliveriesFor(rows, events), this.clock.now());
    if (scheduled > 0) this.worker.wake();
    return scheduled;
  }
}
