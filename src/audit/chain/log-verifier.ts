import type { Pool } from 'pg';
import { chainHash, GENESIS_HASH, storedDocument } from '../../shared/event-store/chain-hash';
import type { EventStore, RecordedEvent } from '../../shared/event-store/event-store.port';

export interface SealCheck {
  through: string;
  position: bigint;
  hash: string;
  sealedAt: Date;
  actorId: string | null;
  /** Everything up to the seal verified and the hash there is still the sealed one. Null: outside the range verified. */
  intact: boolean | null;
}

export interface VerifyResult {
  ok: boolean;
  /** Events whose hash was recomputed and matched. */
  checked: number;
  firstBrokenPosition: bigint | null;
  reason: string | null;
  /** The tenant's chain head: the last event chained, and its hash. */
  headPosition: bigint | null;
  headHash: string | null;
  seals: SealCheck[];
}

interface Link {
  position: bigint;
  previousHash: string;
  hash: string;
}

const PAGE = 5000;

/**
 * Recomputes a tenant's chain from the events as the store holds them and compares it, event by
 * event, with the links chained at append time; the first difference is reported with its position
 * and what it means (an event changed or moved, removed, or added behind the chain's back). Then
 * each seal: a change at or before a seal's position, or a chain rewritten to match a changed log
 * (its hash at the seal no longer the sealed one), breaks that seal.
 */
export class LogVerifier {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
  ) {}

  async verify(tenantId: string, range: { from?: Date; to?: Date } = {}): Promise<VerifyResult> {
    const head = await this.head(tenantId);
    const seals = await this.seals(tenantId);
    const result: VerifyResult = { ok: true, checked: 0, firstBrokenPosition: null, reason: null, ...head, seals };
    if (head.headPosition === null) return result;
    const bounds = await this.bounds(tenantId, range);
    if (!bounds) return result;
    const [low, high] = bounds;
    let previous = await this.hashBefore(tenantId, low);
    const links = this.links(tenantId, low, high)[Symbol.asyncIterator]();
    const events = this.events(tenantId, low, high)[Symbol.asyncIterator]();
    let link = (await links.next()).value as Link | undefined;
    let event = (await events.next()).value as RecordedEvent | undefined;
    const broken = (position: bigint, reason: string) => {
      result.ok = false;
      result.firstBrokenPosition = position;
      result.reason = reason;
    };
    while (link || event) {
      if (event && (!link || event.position < link.position)) {
        broken(event.position, `the event at position ${event.position} (${event.type}) is not in the chain: it was added to the log afterwards`);
        break;
      }
      if (link && (!event || link.position < event.position)) {
        broken(link.position, `the event chained at position ${link.position} is missing from the log: it was removed or moved`);
        break;
      }
      const here = link!;
      const stored = event!;
      if (here.previousHash !== previous) {
        broken(here.position, `the chain's link at position ${here.position} does not follow the one before it: the chain itself was edited`);
        break;
      }
      const recomputed = chainHash(previous, storedDocument(stored));
      if (recomputed !== here.hash) {
        broken(
          here.position,
          `the event at position ${here.position} (${stored.type}) differs from the one chained there: it was changed, or another event was moved there`,
        );
        break;
      }
      previous = recomputed;
      result.checked++;
      link = (await links.next()).value as Link | undefined;
      event = (await events.next()).value as RecordedEvent | undefined;
    }
    await links.return?.();
    await events.return?.();
    await this.checkSeals(tenantId, result, low, high);
    return result;
  }

  private async checkSeals(tenantId: string, result: VerifyResult, low: bigint, high: bigint): Promise<void> {
    for (const seal of result.seals) {
      if (seal.position < low || seal.position > high) continue;
      if (result.firstBrokenPosition !== null && result.firstBrokenPosition <= seal.position) {
        seal.intact = false;
        continue;
      }
      const { rows } = await this.pool.query<{ hash: string }>('SELECT hash FROM audit_chain WHERE tenant_id = $1 AND position = $2', [
        tenantId,
        seal.position.toString(),
      ]);
      seal.intact = rows[0]?.hash === seal.hash;
      if (!seal.intact && result.ok) {
        result.ok = false;
        result.firstBrokenPosition = seal.position;
        result.reason = `the chain no longer matches the seal of the period through ${seal.through} (position ${seal.position}): the log behind the seal was rewritten`;
      }
    }
    const broken = result.seals.find((seal) => seal.intact === false);
    if (broken && result.reason && !result.reason.includes('seal'))
      result.reason += `; this is behind the seal of the period through ${broken.through} (sealed at position ${broken.position})`;
  }

  private async head(tenantId: string): Promise<{ headPosition: bigint | null; headHash: string | null }> {
    const { rows } = await this.pool.query<{ position: string; hash: string }>('SELECT position::text, hash FROM audit_chain_heads WHERE tenant_id = $1', [
      tenantId,
    ]);
    return rows[0] ? { headPosition: BigInt(rows[0].position), headHash: rows[0].hash } : { headPosition: null, headHash: null };
  }

  async seals(tenantId: string): Promise<SealCheck[]> {
    const { rows } = await this.pool.query<{ through: string; position: string; hash: string; sealed_at: Date; actor_id: string | null }>(
      'SELECT through, position::text, hash, sealed_at, actor_id FROM audit_seals WHERE tenant_id = $1 ORDER BY audit_seals.position',
      [tenantId],
    );
    return rows.map((row) => ({
      through: row.through,
      position: BigInt(row.position),
      hash: row.hash,
      sealedAt: row.sealed_at,
      actorId: row.actor_id,
      intact: null,
    }));
  }

  /** The first and last chained positions recorded in the range (the whole chain without one). */
  async bounds(tenantId: string, range: { from?: Date; to?: Date }): Promise<[bigint, bigint] | null> {
    const { rows } = await this.pool.query<{ low: string | null; high: string | null }>(
      `SELECT min(position)::text AS low, max(position)::text AS high FROM audit_chain
        WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR recorded_at >= $2) AND ($3::timestamptz IS NULL OR recorded_at <= $3)`,
      [tenantId, range.from?.toISOString() ?? null, range.to?.toISOString() ?? null],
    );
    return rows[0]?.low ? [BigInt(rows[0].low), BigInt(rows[0].high!)] : null;
  }

  /** The hash the chain stood at before `position` (its genesis before the tenant's first event). */
  async hashBefore(tenantId: string, position: bigint): Promise<string> {
    const { rows } = await this.pool.query<{ hash: string }>(
      'SELECT hash FROM audit_chain WHERE tenant_id = $1 AND position < $2 ORDER BY position DESC LIMIT 1',
      [tenantId, position.toString()],
    );
    return rows[0]?.hash ?? GENESIS_HASH;
  }

  async *links(tenantId: string, low: bigint, high: bigint): AsyncIterable<Link> {
    let after = low - 1n;
    for (;;) {
      const { rows } = await this.pool.query<{ position: string; previous_hash: string; hash: string }>(
        `SELECT position::text, previous_hash, hash FROM audit_chain WHERE tenant_id = $1 AND position > $2 AND position <= $3 ORDER BY audit_chain.position LIMIT ${PAGE}`,
        [tenantId, after.toString(), high.toString()],
      );
      for (const row of rows) yield { position: BigInt(row.position), previousHash: row.previous_hash, hash: row.hash };
      if (rows.length < PAGE) return;
      after = BigInt(rows[rows.length - 1].position);
    }
  }

  /** The tenant's stored events in [low, high], as the store holds them. */
  async *events(tenantId: string, low: bigint, high: bigint): AsyncIterable<RecordedEvent> {
    for await (const event of this.store.readAll({ after: low - 1n, filter: { tenantId }, uncached: true })) {
      if (event.position > high) return;
      yield event;
    }
  }
}
