import type { RecordedEvent } from '../event-store/event-store.port';
import type { CheckpointStore, Park } from './checkpoint-store';
import { EventFailure, tenantOf } from './processor';
import type { ParkingHost, ResolvedRunnerOptions } from './runner-seams';
import { describeError, isTransient, retryDelay } from './retry-policy';

interface Failed {
  event: RecordedEvent;
  error: unknown;
}

/**
 * The tenants one processor is parked for. A park holds the first of the tenant's events not
 * applied; the processor's checkpoint moves on for every other tenant, and the tenant's later
 * events wait in the log. A retry (by itself with the retry policy, or asked for) re-applies the
 * tenant's events in log order from the park up to what the processor has processed, moving the
 * park forward as it goes, and unparks the tenant once none is left: nothing is skipped.
 * Retries run between the processor's batches, never beside them.
 */
export class TenantParking {
  private readonly parks = new Map<string, Park>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped whenever who is parked changes: a batch filtered before then is filtered again. */
  epoch = 0;

  constructor(
    private readonly runner: ParkingHost,
    private readonly store: CheckpointStore,
    private readonly options: ResolvedRunnerOptions,
  ) {}

  get size(): number {
    return this.parks.size;
  }

  isParked(tenantId: string): boolean {
    return this.parks.has(tenantId);
  }

  list(): Park[] {
    return [...this.parks.values()].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }

  load(parks: Park[]): void {
    this.cancelTimers();
    this.parks.clear();
    for (const park of parks) {
      this.parks.set(park.tenantId, park);
      this.schedule(park);
    }
    this.epoch++;
  }

  cancelTimers(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Parks the event's tenant at it; the checkpoint moves to `upTo` for everyone else. */
  async park(event: RecordedEvent, error: unknown, upTo: bigint): Promise<void> {
    const now = new Date();
    const park: Park = {
      tenantId: tenantOf(event),
      position: event.position,
      eventType: event.type,
      error: describeError(error),
      retries: 0,
      parkedAt: now,
      updatedAt: now,
    };
    await this.store.park(park, upTo);
    this.parks.set(park.tenantId, park);
    this.epoch++;
    // Before the checkpoint moves past it: a writer waiting for its own event learns it is parked, not applied.
    this.runner.emit('parks', this.list());
    if (upTo > this.runner.processedTo) this.runner.processedTo = upTo;
    this.runner.checkpointed(upTo);
    this.options.log(`processor ${this.runner.name}: parked tenant ${park.tenantId} at ${event.type} (position ${event.position}): ${park.error}`);
    this.schedule(park);
  }

  /** Retries every parked tenant now; resolves with the tenants still parked. */
  async retryAll(): Promise<Park[]> {
    for (const tenantId of [...this.parks.keys()]) await this.retry(tenantId);
    return this.list();
  }

  /** Re-applies the tenant's waiting events in order; true once it is unparked. */
  retry(tenantId: string): Promise<boolean> {
    clearTimeout(this.timers.get(tenantId));
    this.timers.delete(tenantId);
    return this.runner.exclusive(() => this.replayTenant(tenantId));
  }

  private schedule(park: Park): void {
    if (!this.options.autoRetry) return;
    clearTimeout(this.timers.get(park.tenantId));
    const timer = setTimeout(
      () => {
        this.timers.delete(park.tenantId);
        if (!this.runner.isLeader()) return;
        this.retry(park.tenantId).catch((error) => {
          this.options.log(`processor ${this.runner.name}: retrying tenant ${park.tenantId}: ${describeError(error)}`);
          const current = this.parks.get(park.tenantId);
          if (current) this.schedule({ ...current, retries: current.retries + 1 });
        });
      },
      retryDelay(this.options, park.retries + 1),
    );
    timer.unref?.();
    this.timers.set(park.tenantId, timer);
  }

  private async replayTenant(tenantId: string): Promise<boolean> {
    const park = this.parks.get(tenantId);
    if (!park) return true;
    // Paused (a rebuild's switch-over may be moving the parks to new tables): the retry waits for resume's reschedule.
    if (!this.runner.isAccepting()) return false;
    const upTo = this.runner.processedTo;
    const { filter, handles } = this.runner.definition;
    let current = park;
    let chunk: RecordedEvent[] = [];
    for await (const event of this.runner.eventStore.readAll({ after: park.position - 1n, filter })) {
      if (event.position > upTo) break;
      if (tenantOf(event) !== tenantId || (handles && !handles.has(event.type))) continue;
      chunk.push(event);
      if (chunk.length < this.options.catchUpBatchSize) continue;
      const failed = await this.replay(current, chunk, false);
      if (failed) return this.stillParked(current, failed);
      current = { ...current, position: chunk[chunk.length - 1].position + 1n };
      chunk = [];
    }
    const failed = await this.replay(current, chunk, true);
    if (failed) return this.stillParked(current, failed);
    this.parks.delete(tenantId);
    this.epoch++;
    this.options.log(`processor ${this.runner.name}: tenant ${tenantId} unparked`);
    this.runner.emit('parks', this.list());
    return true;
  }

  /** Applies the tenant's events in order; returns the one it fails on (the ones before it applied), or null. */
  private async replay(park: Park, events: RecordedEvent[], final: boolean): Promise<Failed | null> {
    const moved = (position: bigint): Park => ({ ...park, position, updatedAt: new Date() });
    const finish = (db: Parameters<CheckpointStore['unpark']>[0]) =>
      final ? this.store.unpark(db, park.tenantId) : this.store.movePark(db, moved(events[events.length - 1].position + 1n));
    try {
      await this.applyForTenant(events, finish);
      return null;
    } catch (error) {
      const failure = error instanceof EventFailure ? error : undefined;
      if (isTransient(failure?.cause ?? error)) throw failure?.cause ?? error;
      const at = failure && this.runner.definition.kind === 'reactor' ? events.indexOf(failure.event) : -1;
      if (failure && at >= 0) return { event: failure.event, error: failure.cause };
      if (events.length === 0) throw error;
      if (events.length === 1) return { event: events[0], error: failure?.cause ?? error };
      const half = Math.ceil(events.length / 2);
      const first = await this.replay(park, events.slice(0, half), false);
      if (first) return first;
      return this.replay(moved(events[half - 1].position + 1n), events.slice(half), final);
    }
  }

  private async applyForTenant(events: RecordedEvent[], finish: (db: Parameters<CheckpointStore['unpark']>[0]) => Promise<void>): Promise<void> {
    const definition = this.runner.definition;
    if (definition.kind === 'projector') {
      await this.runner.inTransaction(async (tx) => {
        if (events.length > 0) await definition.projection.applyBatch(tx, this.runner.decoded(events));
        await finish(tx);
      }, null);
      return;
    }
    if (events.length > 0) await definition.stage(this.runner.decoded(events))();
    await finish(this.runner.pool);
  }

  private async stillParked(park: Park, failed: Failed): Promise<boolean> {
    const next: Park = {
      ...park,
      position: failed.event.position,
      eventType: failed.event.type,
      error: describeError(failed.error),
      retries: park.retries + 1,
      updatedAt: new Date(),
    };
    await this.store.movePark(this.runner.pool, next);
    this.parks.set(park.tenantId, next);
    this.runner.emit('parks', this.list());
    this.schedule(next);
    return false;
  }
}
