import type { CloudEvent } from '../../crm/public/crm-integration-events';
import { integrationMapping } from '../../integration/integration-event-source';
import type { EventStore } from '../../shared/event-store/event-store.port';

/** A stretch of the log: positions are inclusive, times compare with when the store recorded each event. */
export interface LogRange {
  fromPosition?: bigint;
  fromTime?: Date;
  toPosition?: bigint;
  toTime?: Date;
}

export interface LoggedEvent {
  position: bigint;
  event: CloudEvent;
}

const BATCH = 1000;

/**
 * The integration events of one tenant in a range of the log, in log order, a batch at a time: what
 * backfill and replay deliver, with the same ids and payloads as the first time (the mapping is pure).
 */
export async function* integrationEventsIn(store: EventStore, tenantId: string, range: LogRange): AsyncGenerator<LoggedEvent[]> {
  const after = range.fromPosition !== undefined && range.fromPosition > 0n ? range.fromPosition - 1n : 0n;
  let batch: LoggedEvent[] = [];
  for await (const recorded of store.readAll({ after, filter: integrationMapping.filter })) {
    if (range.toPosition !== undefined && recorded.position > range.toPosition) break;
    if (recorded.metadata.tenantId !== tenantId) continue;
    if (range.fromTime && recorded.recordedAt < range.fromTime) continue;
    if (range.toTime && recorded.recordedAt > range.toTime) continue;
    const event = integrationMapping.map(recorded);
    if (!event) continue;
    batch.push({ position: recorded.position, event });
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
