#!/usr/bin/env node
// Verifies an audit export (GET /audit/export) offline, with nothing but Node: every event's hash
// is recomputed from the event as exported and the previous hash (sha256 over the previous hash
// followed by the event in RFC 8785 canonical JSON), each link must follow the one before it, and
// the manifest must match what the lines hold. Compare the manifest's lastHash or the seals with
// what you were given earlier (verifyLog's headHash, a seal) to know nothing was rewritten since.
//
//   node scripts/verify-export.mjs export.ndjson
//
// Exit 0: verified. Exit 1: refused, with the line and position where it breaks. Exit 2: usage.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** RFC 8785 (JSON Canonicalization Scheme): keys sorted by UTF-16 code units, ECMAScript number and string serialization. */
export const canonicalize = (value) => {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('a number that is not finite cannot be canonicalized');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalize(item))).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalize(value[key])}`).join(',')}}`;
  }
  throw new Error(`cannot canonicalize a ${typeof value}`);
};

export const chainHash = (previousHash, event) => createHash('sha256').update(previousHash).update(canonicalize(event)).digest('hex');

/** { ok, count, lastHash } or { ok: false, line, position, reason }. */
export const verifyExport = (text) => {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return { ok: false, line: 0, position: null, reason: 'the file is empty' };
  let parsed;
  try {
    parsed = lines.map((line) => JSON.parse(line));
  } catch (error) {
    return { ok: false, line: null, position: null, reason: `a line is not JSON: ${error.message}` };
  }
  const manifest = parsed[parsed.length - 1].manifest;
  if (!manifest) return { ok: false, line: lines.length, position: null, reason: 'the last line is not the manifest: the export is incomplete' };
  const entries = parsed.slice(0, -1);
  let previous = manifest.previousHash;
  const hashes = new Map();
  for (let i = 0; i < entries.length; i++) {
    const { event, previousHash, hash } = entries[i];
    const at = { line: i + 1, position: event?.position ?? null };
    if (!event || typeof hash !== 'string') return { ok: false, ...at, reason: 'this event was not chained by the server' };
    if (previousHash !== previous)
      return { ok: false, ...at, reason: 'this link does not follow the one before it: an event before it was removed, added or moved' };
    if (chainHash(previous, event) !== hash) return { ok: false, ...at, reason: 'this event differs from the one the server chained: it was changed' };
    if (i > 0 && BigInt(event.position) <= BigInt(entries[i - 1].event.position)) return { ok: false, ...at, reason: 'positions are out of order' };
    hashes.set(event.position, hash);
    previous = hash;
  }
  const last = entries.length > 0 ? entries[entries.length - 1] : null;
  if (manifest.count !== entries.length)
    return { ok: false, line: lines.length, position: null, reason: `the manifest counts ${manifest.count} events, the file holds ${entries.length}` };
  if ((last?.hash ?? null) !== (manifest.lastHash ?? null))
    return { ok: false, line: lines.length, position: null, reason: "the manifest's last hash is not the last event's" };
  for (const seal of manifest.seals ?? [])
    if (hashes.has(seal.position) && hashes.get(seal.position) !== seal.hash)
      return { ok: false, line: null, position: seal.position, reason: `the seal of the period through ${seal.through} does not match the chain` };
  return {
    ok: true,
    count: entries.length,
    firstPosition: manifest.firstPosition,
    lastPosition: manifest.lastPosition,
    lastHash: manifest.lastHash,
    tenantId: manifest.tenantId,
  };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/verify-export.mjs <export.ndjson>');
    process.exit(2);
  }
  const result = verifyExport(readFileSync(file, 'utf8'));
  if (result.ok) {
    console.log(
      `OK: ${result.count} events of tenant ${result.tenantId} verified (positions ${result.firstPosition}..${result.lastPosition}), last hash ${result.lastHash}`,
    );
    process.exit(0);
  }
  console.error(`REFUSED at line ${result.line ?? '-'} (position ${result.position ?? '-'}): ${result.reason}`);
  process.exit(1);
}
