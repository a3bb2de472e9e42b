import type { Type } from '@nestjs/common';

/**
 * How the API reads one record of each kind (`lead(id)`, `invoice(id)`): the query service and its
 * read, as RecordResolver declares them. The audit trail reads a record through the same code, at
 * each of its revisions (inside knownAtScope), to say which API fields each event changed.
 */
export interface RecordReader {
  queries: Type<unknown>;
  read: (queries: unknown, tenantId: string, id: string) => Promise<unknown> | null;
}

export const RECORD_READERS = new Map<string, RecordReader>();
