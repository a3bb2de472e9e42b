import type { CloudEvent } from '../../shared/integration/integration-event';
import { NewDelivery } from './delivery-log';
import { matchesType } from './event-catalogue';
import { webhookId } from './webhook-signature';

/** What the dispatcher needs of an endpoint to match events. */
export interface EndpointMatch {
  id: string;
  tenant_id: string;
  event_types: string[];
  /** Events recorded before it are not owed (its start job brings the history it asked for). */
  created_at: Date;
}

/** The deliveries a batch of integration events owes these endpoints: each endpoint gets only its own tenant's events. */
export const deliveriesFor = (endpoints: readonly EndpointMatch[], events: readonly CloudEvent[]): NewDelivery[] => {
  const byTenant = new Map<string, EndpointMatch[]>();
  for (const endpoint of endpoints) byTenant.set(endpoint.tenant_id, [...(byTenant.get(endpoint.tenant_id) ?? []), endpoint]);
  const deliveries: NewDelivery[] = [];
  for (const event of events) {
    const candidates = byTenant.get(event.tenantid);
    if (!candidates) continue;
    let payload: string | undefined;
    const time = Date.parse(event.time);
    for (const endpoint of candidates) {
      if (time < endpoint.created_at.getTime() || !matchesType(endpoint.event_types, event.type)) continue;
      payload ??= JSON.stringify(event);
      deliveries.push({
        id: webhookId(endpoint.id, event.id),
        tenantId: event.tenantid,
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        subject: event.subject,
        eventTime: event.time,
        payload,
      });
    }
  }
  return deliveries;
};
