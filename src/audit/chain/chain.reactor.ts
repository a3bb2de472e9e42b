import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { Database } from '../../shared/database/database';
import { inTransaction } from '../../shared/database/transaction';
import { chainHash, GENESIS_HASH, storedDocument } from '../../shared/event-store/chain-hash';
import type { RecordedEvent } from '../../shared/event-store/event-store.port';
import { reactor, tenantOf } from '../../shared/processing/processor';
import { ReactorProvider } from '../../shared/processing/processors.module';
import { DATABASE } from '../../shared/tokens';
import { sealOf } from './seals';

export const AUDIT_CHAIN = 'audit.chain';
/** The pause after a batch at the head: every append wakes the chain, and no command waits for it (see BatchPause). */
const CHAIN_SETTLE_MS = 50;

interface Link {
  tenantId: string;
  position: bigint;
  recordedAt: Date;
  previousHash: string;
  hash: string;
}

interface Head {
  position: bigint;
  hash: string;
}

/** A tenant's links of one batch, hashed ahead from the head the chain was expected to have (null: no head known yet). */
interface Ahead {
  assumed: Head;
  head: Head;
  links: Link[];
}

interface Prepared {
  events: readonly RecordedEvent[];
  ahead: Map<string, Ahead | null>;
}

const GENESIS: Head = { position: 0n, hash: GENESIS_HASH };

/** Links for `events` (one tenant's, in order) from `head`; events at or below it are already chained. */
const linksFrom = (tenantId: string, head: Head, events: readonly RecordedEvent[]): { head: Head; links: Link[] } => {
  const links: Link[] = [];
  for (const event of events) {
    if (event.position <= head.position) continue;
    const hash = chainHash(head.hash, storedDocument(event));
    links.push({ tenantId, position: event.position, recordedAt: event.recordedAt, previousHash: head.hash, hash });
    head = { position: event.position, hash };
  }
  return { head, links };
};

const byTenant = (events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> => {
  const groups = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const tenantId = tenantOf(event);
    const group = groups.get(tenantId);
    if (group) group.push(event);
    else groups.set(tenantId, [event]);
  }
  return groups;
};

/**
 * Chains every event of the log, per tenant, in position order, within moments of its append: a
 * reactor of the runtime (its lease, checkpoint, parks) that sees events as stored (raw: what is
 * hashed is what the store holds). A batch is hashed as soon as it is read (`prepare`, while the
 * previous batch is being written) from the heads the chain is expected to have; `deliver` locks
 * the tenants' heads in the table and keeps a tenant's links only if they were hashed from that
 * very head, else hashes them again from it, then writes the links and moves the heads, in one
 * transaction. So the table, not memory, decides: a replay, a redelivery or a runner that led
 * before and leads again chains nothing twice and nothing from a stale head.
 */
@Injectable()
export class AuditChainReactor implements ReactorProvider {
  /** The heads after the last batch prepared: a guess for the next one, checked against the table. */
  private readonly expected = new Map<string, Head>();

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  reactor() {
    return reactor<Prepared>({
      name: AUDIT_CHAIN,
      raw: true,
      filter: {},
      settleMs: CHAIN_SETTLE_MS,
      prepare: (events) => this.prepare(events),
      deliver: (prepared) => this.chain(prepared.events, prepared.ahead),
    });
  }

  prepare(events: readonly RecordedEvent[]): Prepared {
    const ahead = new Map<string, Ahead | null>();
    for (const [tenantId, group] of byTenant(events)) {
      const assumed = this.expected.get(tenantId);
      if (!assumed) {
        ahead.set(tenantId, null);
        continue;
      }
      const { head, links } = linksFrom(tenantId, assumed, group);
      ahead.set(tenantId, { assumed, head, links });
      this.expected.set(tenantId, head);
    }
    return { events, ahead };
  }

  async chain(events: readonly RecordedEvent[], ahead?: Map<string, Ahead | null>): Promise<void> {
    if (events.length === 0) return;
    if (ahead && (await this.chainAhead(events, ahead))) return;
    const groups = byTenant(events);
    const settled = new Map<string, Head>();
    await inTransaction(this.database.pool, async (tx) => {
      const heads = await this.lockHeads(tx, [...groups.keys()]);
      const links: Link[] = [];
      const moved: [string, Head][] = [];
      for (const [tenantId, group] of groups) {
        const stored = heads.get(tenantId) ?? GENESIS;
        const guess = ahead?.get(tenantId);
        const fresh = guess && guess.assumed.position === stored.position && guess.assumed.hash === stored.hash ? guess : linksFrom(tenantId, stored, group);
        if (fresh !== guess) settled.set(tenantId, fresh.head);
        if (fresh.links.length === 0) continue;
        links.push(...fresh.links);
        moved.push([tenantId, fresh.head]);
      }
      if (links.length === 0) return;
      await tx.query({
        name: 'audit.chain:links',
        text: `INSERT INTO audit_chain (tenant_id, position, recorded_at, previous_hash, hash)
               SELECT * FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
        values: [
          links.map((l) => l.tenantId),
          links.map((l) => l.position.toString()),
          links.map((l) => l.recordedAt.toISOString()),
          links.map((l) => l.previousHash),
          links.map((l) => l.hash),
        ],
      });
      await tx.query({
        name: 'audit.chain:heads',
        text: `INSERT INTO audit_chain_heads (tenant_id, position, hash, updated_at)
               SELECT t, p, h, now() FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(t, p, h)
               ON CONFLICT (tenant_id) DO UPDATE SET position = EXCLUDED.position, hash = EXCLUDED.hash, updated_at = now()
               WHERE audit_chain_heads.position < EXCLUDED.position`,
        values: [moved.map(([t]) => t), moved.map(([, h]) => h.position.toString()), moved.map(([, h]) => h.hash)],
      });
      await this.seal(tx, events, links);
    });
    // Hashed again from the table's head: the guesses after it were built on another head.
    for (const [tenantId, head] of settled) this.expected.set(tenantId, head);
  }

  /**
   * The usual case in one statement (one round trip instead of five): every tenant of the batch
   * hashed ahead with new links, no seal. It locks the tenants' heads and writes the links and the
   * new heads only if every head is the one they were hashed from; false (nothing written) otherwise,
   * and the batch goes the long way, which hashes again from the table's heads.
   */
  private async chainAhead(events: readonly RecordedEvent[], ahead: Map<string, Ahead | null>): Promise<boolean> {
    const guesses: Ahead[] = [];
    for (const guess of ahead.values()) {
      if (!guess || guess.links.length === 0) return false;
      guesses.push(guess);
    }
    if (events.some((event) => sealOf(event) !== null)) return false;
    const links = guesses.flatMap((guess) => guess.links);
    const tenants = guesses.map((guess) => guess.links[0].tenantId);
    const { rows } = await this.database.pool.query<{ ok: boolean }>({
      name: 'audit.chain:ahead',
      text: `WITH locked AS MATERIALIZED (
               SELECT tenant_id, position, hash FROM audit_chain_heads WHERE tenant_id = ANY($1::text[]) ORDER BY tenant_id FOR UPDATE
             ), assumed AS (
               SELECT ok FROM (SELECT count(*) = cardinality($1::text[]) AS ok
                 FROM unnest($1::text[], $2::bigint[], $3::text[]) AS a(tenant_id, position, hash)
                 JOIN locked l ON l.tenant_id = a.tenant_id AND l.position = a.position AND l.hash = a.hash) AS counted
             ), links AS (
               INSERT INTO audit_chain (tenant_id, position, recorded_at, previous_hash, hash)
               SELECT * FROM unnest($4::text[], $5::bigint[], $6::timestamptz[], $7::text[], $8::text[]) WHERE (SELECT ok FROM assumed)
               ON CONFLICT DO NOTHING
             ), heads AS (
               UPDATE audit_chain_heads h SET position = m.position, hash = m.hash, updated_at = now()
                 FROM unnest($1::text[], $9::bigint[], $10::text[]) AS m(tenant_id, position, hash)
                WHERE h.tenant_id = m.tenant_id AND h.position < m.position AND (SELECT ok FROM assumed)
             )
             SELECT ok FROM assumed`,
      values: [
        tenants,
        guesses.map((guess) => guess.assumed.position.toString()),
        guesses.map((guess) => guess.assumed.hash),
        links.map((l) => l.tenantId),
        links.map((l) => l.position.toString()),
        links.map((l) => l.recordedAt.toISOString()),
        links.map((l) => l.previousHash),
        links.map((l) => l.hash),
        guesses.map((guess) => guess.head.position.toString()),
        guesses.map((guess) => guess.head.hash),
      ],
    });
    return rows[0].ok;
  }

  private async lockHeads(tx: PoolClient, tenants: string[]): Promise<Map<string, { position: bigint; hash: string }>> {
    const { rows } = await tx.query<{ tenant_id: string; position: string; hash: string }>({
      name: 'audit.chain:lock-heads',
      text: 'SELECT tenant_id, position::text, hash FROM audit_chain_heads WHERE tenant_id = ANY($1::text[]) ORDER BY tenant_id FOR UPDATE',
      values: [tenants],
    });
    return new Map(rows.map((row) => [row.tenant_id, { position: BigInt(row.position), hash: row.hash }]));
  }

  /** A period lock seals the period with the chain head at its own event (which covers everything before it). */
  private async seal(tx: PoolClient, events: readonly RecordedEvent[], links: Link[]): Promise<void> {
    const byPosition = new Map(links.map((link) => [link.position, link]));
    const seals = events.flatMap((event) => {
      const through = sealOf(event);
      const link = byPosition.get(event.position);
      return through !== null && link ? [{ event, through, link }] : [];
    });
    if (seals.length === 0) return;
    await tx.query(
      `INSERT INTO audit_seals (tenant_id, position, through, hash, actor_id, sealed_at)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) ON CONFLICT DO NOTHING`,
      [
        seals.map((s) => s.link.tenantId),
        seals.map((s) => s.link.position.toString()),
        seals.map((s) => s.through),
        seals.map((s) => s.link.hash),
        seals.map((s) => (typeof s.event.metadata.actorId === 'string' ? s.event.metadata.actorId : null)),
        seals.map((s) => s.event.recordedAt.toISOString()),
      ],
    );
  }
}
