import { join } from 'node:path';
import { canonicalize, chainHash, GENESIS_HASH, storedDocument } from '../src/shared/event-store/chain-hash';

/* eslint-disable @typescript-eslint/no-require-imports */
// The `canonicalize` package (RFC 8785's reference implementation for JavaScript) exports only an
// `import` condition; its one file is loaded by path (jest compiles it). The offline verifier's own copy too.
const reference = (require(join(__dirname, '../node_modules/canonicalize/lib/canonicalize.js')) as { default: (v: unknown) => string }).default;
const offline = require('../scripts/verify-export.mjs') as { canonicalize: (v: unknown) => string; chainHash: (p: string, e: unknown) => string };
/* eslint-enable @typescript-eslint/no-require-imports */

const documents: unknown[] = [
  { b: 1, a: [1.5, 'é', null, true, false], c: { z: 1e21, y: 0.1, x: -0, w: 123456789012345680000 } },
  { '€': 'euro', '\u0080': 'control', a: 'a', A: 'A', '😀': 'emoji', '\ud83d\ude00b': 'after' },
  { text: 'quote " backslash \\ newline \n tab \t nul \u0000 ligne \u2028', n: [4.5, 2e-7, 1e-7, 0.000001, 100, -3] },
  { nested: { deeper: [{ k: [] }, {}, [[]]] }, skipped: undefined, list: [undefined] },
  { money: 12550, position: '9007199254740993', date: '2026-03-31', unicode: 'Zoë Ōkubo Ñandú 日本' },
];

describe('the audit chain hash (RFC 8785 canonical JSON)', () => {
  it.each(documents.map((d, i) => [i, d]))('canonicalizes document %i exactly as the canonicalize package and the offline verifier do', (_i, document) => {
    expect(canonicalize(document)).toBe(reference(document));
    expect(offline.canonicalize(JSON.parse(JSON.stringify(document)))).toBe(canonicalize(JSON.parse(JSON.stringify(document))));
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalize({ n: Number.NaN })).toThrow(/not a JSON number/);
    expect(() => canonicalize({ s: '\ud800' })).toThrow(/lone surrogate/);
    expect(() => canonicalize({ b: 1n })).toThrow(/bigint is not JSON/);
  });

  it('chains: the hash covers the previous hash and every part of the stored event', () => {
    const event = {
      id: 'b7d3f8f0-0000-4000-8000-000000000001',
      streamName: 'lead-b7d3f8f0-0000-4000-8000-000000000002',
      type: 'LeadCaptured',
      revision: 0n,
      position: 42n,
      data: { name: 'Ada', amount: 12550 },
      metadata: { tenantId: 'acme', actorId: 'u1', correlationId: 'c', causationId: 'k' },
      recordedAt: new Date('2026-04-05T09:00:00.123Z'),
    };
    const document = storedDocument(event);
    const hash = chainHash(GENESIS_HASH, document);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(offline.chainHash(GENESIS_HASH, JSON.parse(JSON.stringify(document)))).toBe(hash);
    expect(chainHash(hash, document)).not.toBe(hash);
    for (const changed of [
      { ...document, position: '43' },
      { ...document, revision: '1' },
      { ...document, type: 'LeadQualified' },
      { ...document, data: { name: 'Eve', amount: 12550 } },
      { ...document, metadata: { ...(document.metadata as object), actorId: 'u2' } },
      { ...document, recordedAt: '2026-04-05T09:00:00.124Z' },
    ])
      expect(chainHash(GENESIS_HASH, changed)).not.toBe(hash);
  });
});
