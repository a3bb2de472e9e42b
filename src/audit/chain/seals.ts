import type { RecordedEvent } from '../../shared/event-store/event-store.port';

/**
 * Events that seal a period: the ledger's period lock (`lockPeriod(through)`), read by its stored
 * type name, a fixed part of the log. Sealing happens here, beside the chain, so the ledger's lock
 * logic is untouched: the seal is the chain head at the lock's own position.
 */
const SEALING_TYPES: Readonly<Record<string, (data: unknown) => string | null>> = {
  PeriodLocked: (data) => {
    const through = (data as { through?: unknown } | null)?.through;
    return typeof through === 'string' ? through : null;
  },
};

/** The date a sealing event locks the books through, or null for any other event. */
export const sealOf = (event: RecordedEvent): string | null => SEALING_TYPES[event.type]?.(event.data) ?? null;
