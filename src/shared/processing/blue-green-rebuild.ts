import { inTransaction } from '../database/transaction';
import { MemoryCheckpointStore } from './checkpoint-store';
import { ProcessorRunner } from './processor-runner';
import { analyzeShadowTables, createShadowTables, dropShadowSchema, shadowSchemaFor, swapInShadowTables } from './shadow-tables';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rebuilds a projector beside the live one (blue/green): its tables are built from the start of
 * the log in a shadow schema (the projector's unqualified table names resolve there first:
 * `SET LOCAL search_path`), while the live runner goes on and the live tables answer queries.
 * Once the shadow has caught up, the live runner is paused (its waiters wait that long), the
 * shadow takes the last events, and one short transaction swaps the tables and moves the
 * checkpoint (and the parks) to the shadow's; then the live runner resumes on the new tables.
 * Nobody sees an empty or lagging read model. A rebuild cut short (a crash) leaves the live
 * tables as they were; the next one starts over.
 */
export class BlueGreenRebuild {
  private aborted = false;

  constructor(
    private readonly live: ProcessorRunner,
    private readonly options: { log?: (message: string) => void; progressEveryMs?: number } = {},
  ) {}

  /** Gives up at the next step (the app is stopping): the live tables stay as they are, the shadow is dropped. */
  abort(): void {
    this.aborted = true;
  }

  private checkAborted(): void {
    if (this.aborted) throw new Error(`rebuild of ${this.live.name} stopped before the switch-over: the app is stopping; the live read model is unchanged`);
  }

  async run(): Promise<void> {
    const definition = this.live.definition;
    if (definition.kind !== 'projector') throw new Error(`${definition.name} is a reactor: it is replayed, not rebuilt`);
    const { pool } = this.live;
    const tables = definition.projection.tables;
    const schema = shadowSchemaFor(definition.name);
    await createShadowTables(pool, schema, tables);
    const checkpoints = new MemoryCheckpointStore();
    const shadow = new ProcessorRunner(pool, this.live.eventStore, definition, {
      store: checkpoints,
      lease: false,
      schema,
      autoRetry: false,
      decode: this.live.decoder,
      log: this.options.log,
    });
    this.live.setState('REBUILDING');
    const progress = (position: bigint | null) =>
      pool.query(`UPDATE processor_checkpoints SET rebuild_position = $2 WHERE name = $1`, [definition.name, position?.toString() ?? null]);
    try {
      await progress(0n);
      await shadow.start();
      this.checkAborted();
      // Until the shadow is close behind the live runner, which goes on meanwhile.
      let reported = Date.now();
      while (shadow.getStatus().caughtUpTo < this.live.processedTo) {
        this.checkAborted();
        await sleep(50);
        if (Date.now() - reported > (this.options.progressEveryMs ?? 1000)) {
          reported = Date.now();
          await progress(shadow.getStatus().position);
        }
      }
      await analyzeShadowTables(pool, schema, tables);
      await this.live.pause();
      try {
        // The live runner stands still: the shadow takes what it has not seen yet, then stops.
        while (shadow.getStatus().caughtUpTo < this.live.processedTo) {
          this.checkAborted();
          await sleep(10);
        }
        await shadow.stop();
        const status = shadow.getStatus();
        const position = status.caughtUpTo > shadow.processedTo ? status.caughtUpTo : shadow.processedTo;
        await this.switchOver(schema, position, checkpoints);
      } finally {
        this.live.setState('RUNNING');
        await this.live.resume();
      }
      await dropShadowSchema(pool, schema);
    } catch (error) {
      await shadow.stop().catch(() => undefined);
      await progress(null).catch(() => undefined);
      // A rebuild that did not switch leaves no shadow behind (one that did has moved its tables out of it).
      await dropShadowSchema(pool, schema).catch(() => undefined);
      this.live.setState('RUNNING');
      throw error;
    }
  }

  private async switchOver(schema: string, position: bigint, checkpoints: MemoryCheckpointStore): Promise<void> {
    const definition = this.live.definition;
    if (definition.kind !== 'projector') return;
    await inTransaction(this.live.pool, async (tx) => {
      // Only while the live runner still holds the processor (and holding it until the switch commits).
      const fence = this.live.store.fenceSql(tx);
      if (fence) await tx.query(fence);
      await swapInShadowTables(tx, schema, definition.projection.tables);
      await tx.query(
        `UPDATE processor_checkpoints SET position = $2, rebuilds = rebuilds + 1, rebuild_position = NULL, last_error = NULL, retries = 0, updated_at = now()
          WHERE name = $1`,
        [definition.name, position.toString()],
      );
      // The parks of the new read model replace the old one's: its events were applied again from the start.
      await tx.query(`DELETE FROM processor_parks WHERE processor = $1`, [definition.name]);
      for (const park of checkpoints.parks.values())
        await tx.query(`INSERT INTO processor_parks (processor, tenant_id, position, event_type, error, retries) VALUES ($1, $2, $3, $4, $5, 0)`, [
          definition.name,
          park.tenantId,
          park.position.toString(),
          park.eventType,
          park.error,
        ]);
    });
  }
}
