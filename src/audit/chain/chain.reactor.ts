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

interface Link {
  tenantId: string;
  position: bigint;
  recordedAt: Date;
  previousHash: string;
  hash: string;
}

/**
 * Chains every event of the log, per tenant, in position order, within moments of its append: a
 * reactor of the runtime (its lease, checkpoint, parks) that sees events as stored (raw: what is
 * hashed is what the store holds). A batch is three statements in one transaction whatever its
 * size: the heads of its tenants (locked), the new links, the heads moved. A link is keyed by
 * (tenant, position) and an event at or below its tenant's head is skipped, so a replay or a
 * redelivery chains nothing twice; the heads are read from the table every batch, so a runner that
 * led before and leads again never chains from a stale head.
 */
@Injectable()
export class AuditChainReactor implements ReactorProvider {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  reactor() {
    return reactor<RecordedEvent[]>({
      name: AUDIT_CHAIN,
      raw: true,
      filter: {},
      prepare: (events) => events,
      deliver: (events) => this.chain(events),
    });
  }

  async chain(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await inTransaction(this.database.pool, async (tx) => {
      const heads = await this.lockHeads(tx, [...new Set(events.map(tenantOf))]);
      const links: Link[] = [];
      for (const event of events) {
        const tenantId = tenantOf(event);
        const head = heads.get(tenantId) ?? { position: 0n, hash: GENESIS_HASH };
        if (event.position <= head.position) continue;
        const hash = chainHash(head.hash, storedDocument(event));
        links.push({ tenantId, position: event.position, recordedAt: event.recordedAt, previousHash: head.hash, hash });
        heads.set(tenantId, { position: event.position, hash });
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
      const moved = [...heads].filter(([tenantId]) => links.some((l) => l.tenantId === tenantId));
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
