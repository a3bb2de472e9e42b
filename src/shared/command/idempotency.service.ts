import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { Clock, CLOCK, systemClock } from '../clock';
import { Database } from '../database/database';
import { DomainError } from '../domain/domain-error';
import { APP_CONFIG, DATABASE } from '../tokens';

const WAIT_FOR_TWIN_MS = 10_000;
/** A claim older than this whose request never finished (a crash) may be taken over. */
const ABANDONED_AFTER_MS = 30_000;
/** How long a key is remembered unless IDEMPOTENCY_TTL_HOURS says otherwise. */
export const DEFAULT_IDEMPOTENCY_TTL_HOURS = 24;
/** Expired keys are deleted at most this often (by the next keyed request). */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class IdempotencyError extends DomainError<'IDEMPOTENCY_KEY_REUSED' | 'IDEMPOTENCY_KEY_IN_PROGRESS'> {}

const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/**
 * An Idempotency-Key makes a mutation's answer replayable: the first request claims the key,
 * runs, and stores its answer; the same key again gets that answer without running anything.
 * The key is scoped to the tenant and bound to the request's content: reusing it for a different
 * request is refused. (Event ids derived from the key make the append itself idempotent too.)
 *
 * A key is remembered for IDEMPOTENCY_TTL_HOURS (24 by default): after that the same key is a new
 * request, and the rows of expired keys are deleted. The key arrives scoped to its caller
 * (`scopedIdempotencyKey`): one person's keys never meet another's, nor a process manager's.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');
  private readonly ttlMs: number;
  private lastPruned = 0;

  constructor(
    @Inject(DATABASE) private readonly database: Pick<Database, 'pool'>,
    @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'idempotencyTtlHours'>,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {
    this.ttlMs = (config?.idempotencyTtlHours ?? DEFAULT_IDEMPOTENCY_TTL_HOURS) * 60 * 60 * 1000;
  }

  async run<T>(tenantId: string, key: string | undefined, operation: string, request: unknown, execute: () => Promise<T>): Promise<T> {
    if (!key) return execute();
    this.pruneNowAndThen();
    const hash = createHash('sha256')
      .update(`${operation}\u0000${stableJson(request)}`)
      .digest('hex');
    const { pool } = this.database;
    const deadline = Date.now() + WAIT_FOR_TWIN_MS;

    for (;;) {
      const now = this.clock.now();
      const claimed = await pool.query(
        `INSERT INTO idempotency_keys (tenant_id, key, operation, request_hash, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, key) DO UPDATE
           SET created_at = EXCLUDED.created_at, operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, response = NULL, completed_at = NULL
           WHERE idempotency_keys.created_at < $5::timestamptz - $7 * interval '1 millisecond'
              OR (idempotency_keys.completed_at IS NULL AND idempotency_keys.created_at < $5::timestamptz - $6 * interval '1 millisecond'
                  AND idempotency_keys.request_hash = EXCLUDED.request_hash)
         RETURNING key`,
        [tenantId, key, operation, hash, now, ABANDONED_AFTER_MS, this.ttlMs],
      );
      if (claimed.rowCount === 1) return this.execute(tenantId, key, execute);

      const { rows } = await pool.query(`SELECT operation, request_hash, response, completed_at FROM idempotency_keys WHERE tenant_id = $1 AND key = $2`, [
        tenantId,
        key,
      ]);
      const stored = rows[0];
      if (!stored) continue; // released by a failed twin: claim it
      if (stored.request_hash !== hash)
        throw new IdempotencyError(
          'IDEMPOTENCY_KEY_REUSED',
          `This Idempotency-Key was already used for a different request (${stored.operation}); send a new key for a new request`,
        );
      if (stored.completed_at) return stored.response as T;
      if (Date.now() > deadline)
        throw new IdempotencyError('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry in a moment');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async execute<T>(tenantId: string, key: string, execute: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await execute();
    } catch (error) {
      // Nothing was stored (the command refused, or failed before appending): free the key for a retry.
      await this.database.pool.query(`DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND completed_at IS NULL`, [tenantId, key]);
      throw error;
    }
    const answer = JSON.parse(JSON.stringify(result ?? null));
    await this.database.pool.query(`UPDATE idempotency_keys SET response = $3, completed_at = $4 WHERE tenant_id = $1 AND key = $2`, [
      tenantId,
      key,
      JSON.stringify(answer),
      this.clock.now(),
    ]);
    return answer as T;
  }

  /** Deletes the keys older than the TTL, at most once an hour, beside the request that triggers it. */
  private pruneNowAndThen(): void {
    const now = this.clock.now();
    if (now.getTime() - this.lastPruned < PRUNE_EVERY_MS) return;
    this.lastPruned = now.getTime();
    void this.prune(now).catch((error) => this.logger.warn(`pruning expired Idempotency-Keys failed: ${(error as Error).message}`));
  }

  /** Deletes the keys older than the TTL as of `now`; answers how many. */
  async prune(now: Date = this.clock.now()): Promise<number> {
    const { rowCount } = await this.database.pool.query(`DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - $2 * interval '1 millisecond'`, [
      now,
      this.ttlMs,
    ]);
    return rowCount ?? 0;
  }
}
