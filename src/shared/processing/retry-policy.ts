/**
 * The runtime's one retry policy: a pause that doubles with each failure in a row, up to a cap,
 * for a processor that cannot run at all and for a tenant parked on an event alike.
 */
export interface RetryPolicy {
  /** First pause after a failure, in ms; doubled on each failure in a row. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { backoffMs: 500, maxBackoffMs: 60_000 };

/** The pause before attempt `failures + 1` (failures counts from 1). */
export const retryDelay = (policy: RetryPolicy, failures: number): number => Math.min(policy.backoffMs * 2 ** Math.max(0, failures - 1), policy.maxBackoffMs);

/** SQLSTATE classes of a server or connection in trouble, not of a statement that cannot work. */
const TRANSIENT_SQLSTATE = /^(08|53|57P|58|40001|40P01|55P03|ANL01)/;
/** Kafka protocol errors that say the record itself cannot be written (kafkajs's `type`), whatever the broker's state. */
const RECORD_FAULTS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE', 'INVALID_REQUIRED_ACKS']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/**
 * Whether a failure says nothing about the event being processed (the database or the broker is
 * away, a deadlock): the whole processor pauses and resumes from its checkpoint. Any other failure
 * is the event's: the runtime isolates it and parks its tenant only.
 */
export const isTransient = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code))) return true;
  // Kafka away or busy is transient; a record the broker refuses as such (too large, corrupt) is that event's failure.
  if (typeof name === 'string' && name.startsWith('KafkaJS')) return !RECORD_FAULTS.has(String((error as { type?: unknown }).type));
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/i.test(message)
  );
};

/** The write was refused because another instance runs the processor now (processor_fence). */
export const isFenced = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'ANL01';

export const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));
