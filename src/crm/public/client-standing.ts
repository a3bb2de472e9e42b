/**
 * Whether a CRM client can take new business (a quote), read from CRM's own log rather than a
 * read model that may lag behind it. Other contexts read the stream by this name and hand the
 * events here, so they never name CRM's internal events themselves.
 */
import type { RecordedEvent } from '../../shared/event-store/event-store.port';
import { clientStream } from '../domain/client.events';

export const clientStreamName = clientStream;

export type ClientStanding = 'NONE' | 'ACTIVE' | 'ARCHIVED';

/** NONE when the stream is empty or another tenant's; otherwise whether its latest archival was undone. */
export const clientStanding = (history: readonly RecordedEvent[], tenantId: string): ClientStanding => {
  if (history.length === 0 || history[0].metadata.tenantId !== tenantId) return 'NONE';
  const archival = history.filter((event) => event.type === 'ClientArchived' || event.type === 'ClientRestored').pop();
  return archival?.type === 'ClientArchived' ? 'ARCHIVED' : 'ACTIVE';
};
