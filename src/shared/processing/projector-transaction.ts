import type { Pool, PoolClient } from 'pg';
import type { CheckpointStore } from './checkpoint-store';

export interface ProjectorTransactionOptions {
  /** Schema searched first (a rebuild's shadow tables): the projection's unqualified table names resolve there. */
  schema?: string;
  /** Where the checkpoint moves with the COMMIT; null: no checkpoint moves (a parked tenant's retry). */
  checkpoint: bigint | null;
}

/**
 * A projector's writes and its checkpoint in one transaction, fenced (nothing commits once another
 * runner has taken the processor over); fence, checkpoint and COMMIT go in one round trip. The
 * commit does not wait for its WAL flush: a read model is derived from the log, and a crash can
 * only lose the last batches together with their checkpoint, which are then applied again from the
 * log. The event log always commits synchronously.
 */
export const projectorTransaction = async (
  pool: Pool,
  store: CheckpointStore,
  options: ProjectorTransactionOptions,
  work: (tx: PoolClient) => Promise<void>,
): Promise<void> => {
  const tx = await pool.connect();
  try {
    await tx.query(options.schema ? `BEGIN; SET LOCAL search_path = ${tx.escapeIdentifier(options.schema)}, public` : 'BEGIN');
    await work(tx);
    const checkpoint = options.checkpoint === null ? '' : store.checkpointSql(tx, options.checkpoint);
    await tx.query(`SET LOCAL synchronous_commit = off; ${store.fenceSql(tx)} ${checkpoint} COMMIT`);
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
};
