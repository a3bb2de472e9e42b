import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { RecordedEvent } from './event-store.port';

/**
 * The per-tenant hash chain over the log: every event's hash covers the previous hash of its
 * tenant's chain and the event as stored, in canonical JSON (RFC 8785, the `canonicalize`
 * package), so a changed, removed, inserted or reordered event breaks the chain at that point.
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

type Canonicalize = (value: unknown) => string | undefined;
let loaded: Canonicalize | undefined;

/**
 * RFC 8785 canonical JSON. The package exports only an `import` condition, which require() cannot
 * take (this app is CommonJS): its one file is loaded by path, which Node (require of an ES
 * module) and jest's transformer both accept.
 */
export const canonicalize = (value: unknown): string => {
  loaded ??= loadCanonicalize();
  const text = loaded(value);
  if (text === undefined) throw new Error('canonicalize: nothing to serialize');
  return text;
};

const loadCanonicalize = (): Canonicalize => {
  for (const base of require.resolve.paths('canonicalize') ?? []) {
    const file = join(base, 'canonicalize', 'lib', 'canonicalize.js');
    if (!existsSync(file)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(file) as { default?: Canonicalize } | Canonicalize;
    const fn = typeof module === 'function' ? module : module.default;
    if (typeof fn === 'function') return fn;
  }
  throw new Error(`canonicalize: the package is not installed (looked beside ${dirname(__filename)})`);
};
