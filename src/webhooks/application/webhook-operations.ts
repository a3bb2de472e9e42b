import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BadInputError, NotFoundError } from '../../shared/domain/domain-error';
import { EVENT_STORE, EventStore } from '../../shared/event-store/event-store.port';
import { DeliveryLog } from './delivery-log';
import { DeliveryWorker } from './delivery-worker';
import { deliveriesFor } from './endpoint-match';
import { EventCatalogue } from './event-catalogue';
import { integrationEventsIn, LogRange } from './log-scan';
import { webhookId } from './webhook-signature';
import { WebhooksQueries } from './webhooks.queries';

export interface LogPoint {
  position?: string | null;
  time?: Date | null;
}

/** The most deliveries one replay schedules: a wider range is refused with a message saying how to split it. */
export const MAX_REPLAY = 100_000;

/** What an admin does with deliveries: resend one, replay a range of the log, send a test. */
@Injectable()
export class WebhookOperations {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: WebhooksQueries,
    private readonly log: DeliveryLog,
    private readonly worker: DeliveryWorker,
    private readonly catalogue: EventCatalogue,
  ) {}

  async resend(tenantId: string, id: string) {
    if (!(await this.log.resend(tenantId, id, this.worker.now()))) throw new NotFoundError('webhook delivery', id);
    this.worker.wake();
    return (await this.queries.delivery(tenantId, id))!;
  }

  /** Every matching event of the range delivered again, with the webhook-ids it had the first time. */
  async replay(tenantId: string, endpointId: string, from: LogPoint, to: LogPoint | undefined): Promise<number> {
    const endpoint = await this.queries.endpoint(tenantId, endpointId);
    if (!endpoint) throw new NotFoundError('webhook endpoint', endpointId);
    const range = this.range(from, to);
    const match = { id: endpoint.id, tenant_id: tenantId, event_types: endpoint.eventTypes, created_at: new Date(0) };
    const deliveries = [];
    for await (const batch of integrationEventsIn(this.store, tenantId, range)) {
      deliveries.push(
        ...deliveriesFor(
          [match],
          batch.map((logged) => logged.event),
        ),
      );
      if (deliveries.length > MAX_REPLAY)
        throw new BadInputError({ to: [`the range holds more than ${MAX_REPLAY} matching events; replay it in smaller ranges`] });
    }
    let scheduled = 0;
    for (let i = 0; i < deliveries.length; i += 1000) scheduled += await this.log.reschedule(deliveries.slice(i, i + 1000), this.worker.now());
    this.worker.wake();
    return scheduled;
  }

  /** An example of the type, built from its schema, marked `"test": true`, sent like any delivery. */
  async sendTest(tenantId: string, endpointId: string, eventType: string) {
    const endpoint = await this.queries.endpoint(tenantId, endpointId);
    if (!endpoint) throw new NotFoundError('webhook endpoint', endpointId);
    const entry = this.catalogue.entry(eventType);
    if (!entry) throw new BadInputError({ eventType: [`"${eventType}" is not a published event type; see webhookEventTypes`] });
    const eventId = randomUUID();
    const now = this.worker.now();
    const time = now.toISOString();
    const event = {
      specversion: '1.0',
      id: eventId,
      source: `/annals/${entry.context}`,
      type: entry.type,
      subject: randomUUID(),
      time,
      datacontenttype: 'application/json',
      tenantid: tenantId,
      test: true,
      data: entry.example,
    };
    const id = webhookId(endpointId, eventId);
    await this.log.schedule(
      [{ id, tenantId, endpointId, eventId, eventType, subject: event.subject, eventTime: time, payload: JSON.stringify(event), isTest: true }],
      now,
    );
    this.worker.wake();
    return (await this.queries.delivery(tenantId, id))!;
  }

  private range(from: LogPoint, to: LogPoint | undefined): LogRange {
    const point = (p: LogPoint | undefined, name: string) => {
      if (!p) return {};
      if (!p.position && !p.time) throw new BadInputError({ [name]: [`${name} needs a position or a time`] });
      return { position: p.position ? BigInt(p.position) : undefined, time: p.time ?? undefined };
    };
    const start = point(from, 'from');
    const end = point(to, 'to');
    if (start.time && end.time && end.time < start.time) throw new BadInputError({ to: ['to comes before from'] });
    return { fromPosition: start.position, fromTime: start.time, toPosition: end.position, toTime: end.time };
  }
}
