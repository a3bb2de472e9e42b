import { createHash } from 'node:crypto';
import type { RecordedEvent } from './event-store.port';

/**
 * The per-tenant hash chain over the log: every event's hash covers the previous hash of its
 * tenant's chain and the event as stored, in canonical JSON (RFC 8785), so a changed, removed, inserted or reordered event breaks the chain at that point.
 * What is hashed is what the store holds (an encrypted field stays its ciphertext), so erasing a
 * person's key later (crypto-shredding) leaves the chain intact. scripts/verify-export.mjs repeats
 * this computation without any dependency.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_ALGORITHM = 'sha256(previousHash || JCS(event)) per tenant, RFC 8785';

/** The event as stored, in the words the export writes and the hash covers. */
export interface StoredEventDocument {
  position: string;
  id: string;
  streamName: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

export const storedDocument = (event: RecordedEvent): StoredEventDocument => ({
  position: event.position.toString(),
  id: event.id,
  streamName: event.streamName,
  revision: event.revision.toString(),
  type: event.type,
  data: event.data,
  metadata: event.metadata,
  recordedAt: event.recordedAt.toISOString(),
});

/** The hash of `document` in a chain whose previous hash is `previousHash` (GENESIS_HASH for a tenant's first event). */
export const chainHash = (previousHash: string, document: StoredEventDocument): string =>
  createHash('sha256').update(previousHash).update(canonicalize(document)).digest('hex');

/**
 * RFC 8785 canonical JSON (JCS): object keys sorted by UTF-16 code units, strings and numbers as
 * ECMAScript serializes them, no whitespace. Written out rather than taken from the `canonicalize`
 * package it matches (chain-hash.spec.ts compares the two over varied documents): that one costs
 * ~2x more per event (a Set of visited objects, a toJSON probe and a per-character surrogate scan in
 * JavaScript), and the chain must keep up with the append rate on one core.
 */
export const canonicalize = (value: unknown): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) throw new Error('canonicalize: a string holds a lone surrogate');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalize: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          text += (i > 0 ? ',' : '') + (item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : canonicalize(item));
        }
        return `${text}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let text = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalize(item)}`;
        first = false;
      }
      return `${text}}`;
    }
    default:
      throw new Error(`canonicalize: a ${typeof value} is not JSON`);
  }
};
