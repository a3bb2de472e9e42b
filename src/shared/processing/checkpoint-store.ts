import type { Pool, PoolClient } from 'pg';
import type { ProcessorKind } from './processor';

/** A tenant a processor is parked for: its events from `position` on wait, in order. */
export interface Park {
  tenantId: string;
  /** The event it stopped at: the first of the tenant's events not applied. */
  position: bigint;
  eventType: string;
  error: string;
  retries: number;
  parkedAt: Date;
  updatedAt: Date;
}

export interface Checkpoint {
  position: bigint;
  /** Set while the whole processor cannot run (not an event's failure: those park a tenant). */
  lastError: string | null;
  retries: number;
  /** How many times it was rebuilt: lets a caller see that a requested rebuild happened. */
  rebuilds: number;
  /** Set while a rebuild builds beside the live read model: how far it has got. */
  rebuildPosition: bigint | null;
  updatedAt: Date | null;
}

type Queryable = Pick<Pool | PoolClient, 'query'>;

/**
 * Where a processor keeps its checkpoint and parks. The durable store is the two tables of
 * processor-schema.ts; a rebuild's shadow runner keeps both in memory (a rebuild cut short by a
 * crash starts over) and hands them to the durable store when it switches over.
 */
export interface CheckpointStore {
  /** Takes the processor over (a new lease epoch: see processorFencingSql) and reads where it stands. */
  load(): Promise<{ checkpoint: Checkpoint; parks: Park[] }>;
  /** A statement that fails unless this runner still holds the processor ('' when kept in memory). */
  fenceSql(tx: PoolClient): string;
  /** Statements run in a projector's batch transaction, after its writes ('' when kept in memory). */
  checkpointSql(tx: PoolClient, position: bigint): string;
  /** A reactor's checkpoint, after the effect; forward only, so a late write never moves it back. */
  advance(position: bigint): Promise<void>;
  /** Parks a tenant at an event and moves the checkpoint past the batch, atomically. */
  park(park: Park, upTo: bigint): Promise<void>;
  /** The park has moved on to a later event of the tenant (the ones before it are applied). */
  movePark(db: Queryable, park: Park): Promise<void>;
  unpark(db: Queryable, tenantId: string): Promise<void>;
  recordFailure(error: string | null, retries: number): Promise<void>;
}

const parkOf = (row: Record<string, unknown>): Park => ({
  tenantId: row.tenant_id as string,
  position: BigInt(row.position as string),
  eventType: row.event_type as string,
  error: row.error as string,
  retries: row.retries as number,
  parkedAt: row.parked_at as Date,
  updatedAt: row.updated_at as Date,
});

export const readParks = async (db: Queryable, names?: readonly string[]): Promise<Map<string, Park[]>> => {
  const { rows } = await db.query(
    `SELECT processor, tenant_id, position::text, event_type, error, retries, parked_at, updated_at FROM processor_parks
      WHERE $1::text[] IS NULL OR processor = ANY($1) ORDER BY processor, position`,
    [names ?? null],
  );
  const parks = new Map<string, Park[]>();
  for (const row of rows) parks.set(row.processor, [...(parks.get(row.processor) ?? []), parkOf(row)]);
  return parks;
};

export const readCheckpoint = async (db: Queryable, name: string, kind: ProcessorKind = 'projector'): Promise<Checkpoint> => {
  const { rows } = await db.query(
    `INSERT INTO processor_checkpoints (name, kind) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET kind = excluded.kind
       RETURNING position::text, last_error, retries, rebuilds, rebuild_position::text, updated_at`,
    [name, kind],
  );
  const row = rows[0];
  return {
    position: BigInt(row.position),
    lastError: row.last_error,
    retries: row.retries,
    rebuilds: row.rebuilds,
    rebuildPosition: row.rebuild_position === null ? null : BigInt(row.rebuild_position),
    updatedAt: row.updated_at,
  };
};

export const readPositions = async (db: Queryable, names: readonly string[]): Promise<Map<string, bigint>> => {
  const { rows } = await db.query(`SELECT name, position::text FROM processor_checkpoints WHERE name = ANY($1)`, [names]);
  return new Map(rows.map((row) => [row.name as string, BigInt(row.position)]));
};

/** Sets a checkpoint outright (an operator's replay from a position, a bench's starting point). */
export const setCheckpoint = async (db: Queryable, name: string, position: bigint, kind: ProcessorKind = 'projector'): Promise<void> => {
  await db.query(
    `INSERT INTO processor_checkpoints (name, kind, position) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
    [name, kind, position.toString()],
  );
};

export class DurableCheckpointStore implements CheckpointStore {
  /** The lease epoch this runner took the processor over with (see processorFencingSql). */
  private epoch = -1n;

  constructor(
    private readonly pool: Pool,
    readonly name: string,
    readonly kind: ProcessorKind,
  ) {}

  async load() {
    await readCheckpoint(this.pool, this.name, this.kind);
    // Waits for a write of an earlier holder still in flight (it holds the row), then fences it out.
    const { rows } = await this.pool.query(`UPDATE processor_checkpoints SET lease_epoch = lease_epoch + 1 WHERE name = $1 RETURNING lease_epoch::text`, [
      this.name,
    ]);
    this.epoch = BigInt(rows[0].lease_epoch);
    const checkpoint = await readCheckpoint(this.pool, this.name, this.kind);
    const parks = (await readParks(this.pool, [this.name])).get(this.name) ?? [];
    return { checkpoint, parks };
  }

  fenceSql(tx: PoolClient): string {
    return `SELECT processor_fence(${tx.escapeLiteral(this.name)}, ${this.epoch.toString()});`;
  }

  checkpointSql(tx: PoolClient, position: bigint): string {
    // Literals, so checkpoint and COMMIT go in the batch's last round trip (one simple query):
    // a bigint's digits and the name escaped by pg.
    return `UPDATE processor_checkpoints SET position = ${BigInt(position).toString()}, last_error = NULL, retries = 0, updated_at = now()
             WHERE name = ${tx.escapeLiteral(this.name)};`;
  }

  async advance(position: bigint): Promise<void> {
    await this.pool.query(
      `UPDATE processor_checkpoints SET position = $2, last_error = NULL, retries = 0, updated_at = now()
        WHERE name = $1 AND position < $2 AND processor_fence($1, $3)`,
      [this.name, position.toString(), this.epoch.toString()],
    );
  }

  async park(park: Park, upTo: bigint): Promise<void> {
    // One statement: the park and the checkpoint past it commit together or not at all.
    await this.pool.query(
      `WITH parked AS (
         INSERT INTO processor_parks (processor, tenant_id, position, event_type, error, retries) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (processor, tenant_id) DO UPDATE SET position = LEAST(processor_parks.position, excluded.position), updated_at = now())
       UPDATE processor_checkpoints SET position = GREATEST(position, $7), updated_at = now() WHERE name = $1 AND processor_fence($1, $8)`,
      [this.name, park.tenantId, park.position.toString(), park.eventType, park.error, park.retries, upTo.toString(), this.epoch.toString()],
    );
  }

  async movePark(db: Queryable, park: Park): Promise<void> {
    await db.query(
      `UPDATE processor_parks SET position = $3, event_type = $4, error = $5, retries = $6, updated_at = now() WHERE processor = $1 AND tenant_id = $2`,
      [this.name, park.tenantId, park.position.toString(), park.eventType, park.error, park.retries],
    );
  }

  async unpark(db: Queryable, tenantId: string): Promise<void> {
    await db.query(`DELETE FROM processor_parks WHERE processor = $1 AND tenant_id = $2`, [this.name, tenantId]);
  }

  async recordFailure(error: string | null, retries: number): Promise<void> {
    await this.pool.query(`UPDATE processor_checkpoints SET last_error = $2, retries = $3, updated_at = now() WHERE name = $1`, [this.name, error, retries]);
  }
}

/** A rebuild's shadow progress: in memory, handed over at the switch. */
export class MemoryCheckpointStore implements CheckpointStore {
  position = 0n;
  readonly parks = new Map<string, Park>();

  async load() {
    const checkpoint: Checkpoint = { position: this.position, lastError: null, retries: 0, rebuilds: 0, rebuildPosition: null, updatedAt: null };
    return { checkpoint, parks: [...this.parks.values()] };
  }

  fenceSql(): string {
    return '';
  }

  checkpointSql(): string {
    return '';
  }

  async advance(position: bigint): Promise<void> {
    if (position > this.position) this.position = position;
  }

  async park(park: Park, upTo: bigint): Promise<void> {
    if (!this.parks.has(park.tenantId)) this.parks.set(park.tenantId, park);
    await this.advance(upTo);
  }

  async movePark(_db: Queryable, park: Park): Promise<void> {
    this.parks.set(park.tenantId, park);
  }

  async unpark(_db: Queryable, tenantId: string): Promise<void> {
    this.parks.delete(tenantId);
  }

  async recordFailure(): Promise<void> {}
}
