import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import { DomainError } from '../domain/domain-error';
import { DATABASE } from '../tokens';

const WAIT_FOR_TWIN_MS = 10_000;
/** A claim older than this whose request never finished (a crash) may be taken over. */
const ABANDONED_AFTER_MS = 30_000;

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
 */
@Injectable()
export class IdempotencyService {
  constructor(@Inject(DATABASE) private readonly database: Pick<Database, 'pool'>) {}

  async run<T>(tenantId: string, key: string | undefined, operation: string, request: unknown, execute: () => Promise<T>): Promise<T> {
    if (!key) return execute();
    if (key.length > 200) throw new IdempotencyError('IDEMPOTENCY_KEY_REUSED', 'The Idempotency-Key header may be at most 200 characters');
    const hash = createHash('sha256')
      .update(`${operation}\u0000${stableJson(request)}`)
      .digest('hex');
    const { pool } = this.database;
    const deadline = Date.now() + WAIT_FOR_TWIN_MS;

    for (;;) {
      const claimed = await pool.query(
        `INSERT INTO idempotency_keys (tenant_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, key) DO UPDATE SET created_at = now()
           WHERE idempotency_keys.completed_at IS NULL AND idempotency_keys.created_at < now() - $5 * interval '1 millisecond'
             AND idempotency_keys.request_hash = EXCLUDED.request_hash
         RETURNING key`,
        [tenantId, key, operation, hash, ABANDONED_AFTER_MS],
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
    await this.database.pool.query(`UPDATE idempotency_keys SET response = $3, completed_at = now() WHERE tenant_id = $1 AND key = $2`, [
      tenantId,
      key,
      JSON.stringify(answer),
    ]);
    return answer as T;
  }
}
