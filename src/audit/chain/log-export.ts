import { CHAIN_ALGORITHM, GENESIS_HASH, storedDocument } from '../../shared/event-store/chain-hash';
import { LogVerifier } from './log-verifier';

/**
 * A tenant's events recorded in a range, as NDJSON: one line per event as stored, with the
 * chain's previous hash and hash for it, then one manifest line (counts, first and last positions
 * and hashes, the chain head, the seals in the range). scripts/verify-export.mjs recomputes every
 * hash offline; the manifest's hashes can be compared with verifyLog's head and the seals.
 */
export async function* exportLog(verifier: LogVerifier, tenantId: string, range: { from?: Date; to?: Date }, now: Date): AsyncGenerator<string> {
  const bounds = await verifier.bounds(tenantId, range);
  const verified = await verifier.verify(tenantId, { from: range.from, to: range.to });
  let count = 0;
  let previousHash = GENESIS_HASH;
  let firstHash: string | null = null;
  let lastHash: string | null = null;
  let firstPosition: string | null = null;
  let lastPosition: string | null = null;
  if (bounds) {
    const [low, high] = bounds;
    previousHash = await verifier.hashBefore(tenantId, low);
    const links = new Map<bigint, { previousHash: string; hash: string }>();
    for await (const link of verifier.links(tenantId, low, high)) links.set(link.position, link);
    for await (const event of verifier.events(tenantId, low, high)) {
      const link = links.get(event.position);
      const line = { event: storedDocument(event), previousHash: link?.previousHash ?? null, hash: link?.hash ?? null };
      firstPosition ??= line.event.position;
      firstHash ??= line.hash;
      lastPosition = line.event.position;
      lastHash = line.hash;
      count++;
      yield `${JSON.stringify(line)}\n`;
    }
  }
  const seals = verified.seals
    .filter((seal) => bounds && seal.position >= bounds[0] && seal.position <= bounds[1])
    .map((seal) => ({ through: seal.through, position: seal.position.toString(), hash: seal.hash, sealedAt: seal.sealedAt.toISOString() }));
  const manifest = {
    tenantId,
    from: range.from?.toISOString() ?? null,
    to: range.to?.toISOString() ?? null,
    algorithm: CHAIN_ALGORITHM,
    genesisHash: GENESIS_HASH,
    count,
    previousHash,
    firstPosition,
    firstHash,
    lastPosition,
    lastHash,
    headPosition: verified.headPosition?.toString() ?? null,
    headHash: verified.headHash,
    serverVerification: { ok: verified.ok, firstBrokenPosition: verified.firstBrokenPosition?.toString() ?? null, reason: verified.reason },
    seals,
    exportedAt: now.toISOString(),
  };
  yield `${JSON.stringify({ manifest })}\n`;
}
