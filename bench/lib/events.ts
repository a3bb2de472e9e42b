import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/shared/event-store/event-store.port';

/** A realistic lead event, as the app stores one (data and metadata of the same shape and size). */
export const leadCaptured = (leadId: string, n: number): NewEvent => ({
  id: randomUUID(),
  type: 'LeadCaptured',
  data: { leadId, name: `Lead ${n}`, email: `lead${n}@example.test`, company: 'Acme Widgets Ltd', phone: '+44 20 7946 0000', source: 'bench' },
  metadata: { tenantId: 'acme', actorId: 'user-bench', correlationId: randomUUID(), causationId: randomUUID() },
});

export const leadQualified = (leadId: string): NewEvent => ({
  id: randomUUID(),
  type: 'LeadQualified',
  data: { leadId },
  metadata: { tenantId: 'acme', actorId: 'user-bench', correlationId: randomUUID(), causationId: randomUUID() },
});

/** `size` events for one append: a capture followed by qualifications, all of one lead. */
export const batchFor = (leadId: string, size: number, counter: number): NewEvent[] =>
  Array.from({ length: size }, (_, i) => (i === 0 ? leadCaptured(leadId, counter) : leadQualified(leadId)));
