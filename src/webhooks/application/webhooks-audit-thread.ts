import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditThreadContribution, AuditThreadContributor, AuditThreadContributors } from '../../audit/public/audit-thread-contributor';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { deliveriesOfEvents } from '../public/webhook-deliveries';

/** The webhook deliveries an action's events caused, in its audit thread (one tenant's only). */
@Injectable()
export class WebhooksAuditThread implements AuditThreadContributor, OnModuleInit {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly contributors: AuditThreadContributors,
  ) {}

  onModuleInit(): void {
    this.contributors.register(this);
  }

  async contributions(tenantId: string, _correlationId: string, eventIds: readonly string[]): Promise<AuditThreadContribution[]> {
    const deliveries = await deliveriesOfEvents(this.database.pool, tenantId, eventIds);
    return deliveries.map((delivery) => ({
      kind: 'webhook_delivery',
      at: delivery.deliveredAt ?? delivery.createdAt,
      type: `webhook ${delivery.status.toLowerCase()}`,
      causationId: delivery.eventId,
      summary:
        `${delivery.eventType} to endpoint ${delivery.endpointId}: ${delivery.status}` +
        (delivery.lastStatusCode ? ` (HTTP ${delivery.lastStatusCode})` : '') +
        `, ${delivery.attemptCount} attempt${delivery.attemptCount === 1 ? '' : 's'}`,
      data: {
        deliveryId: delivery.id,
        endpointId: delivery.endpointId,
        status: delivery.status,
        attemptCount: delivery.attemptCount,
        lastStatusCode: delivery.lastStatusCode,
      },
    }));
  }
}
