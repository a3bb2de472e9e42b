import { integrationMapping } from '../../integration/integration-event-source';
import { translatedLog } from '../../integration/integration-translator';
import type { EventStore } from '../../shared/event-store/event-store.port';
import type { CloudEvent } from '../../shared/integration/integration-event';

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

/**
 * The integration events of one tenant in a range of the log, in log order, a batch at a time: what
 * backfill and replay deliver, with the same ids and payloads as the first time (the mapping is pure,
 * and the translator reads the history each payload folds).
 */
export async function* integrationEventsIn(store: EventStore, tenantId: string, range: LogRange): AsyncGenerator<LoggedEvent[]> {
  const after = range.fromPosition !== undefined && range.fromPosition > 0n ? range.fromPosition - 1n : 0n;
  for await (const batch of translatedLog(store, (recorded, history) => integrationMapping.map(recorded, history), {
    after,
    filter: integrationMapping.filter,
  })) {
    const selected: LoggedEvent[] = [];
    let past = false;
    for (const { recorded, event } of batch) {
      if (range.toPosition !== undefined && recorded.position > range.toPosition) {
        past = true;
        break;
      }
      if (event.tenantid !== tenantId) continue;
      if (range.fromTime && recorded.recordedAt < range.fromTime) continue;
      if (range.toTime && recorded.recordedAt > range.toTime) continue;
      selected.push({ position: recorded.position, event });
    }
    if (selected.length > 0) yield selected;
    if (past) return;
  }
}
