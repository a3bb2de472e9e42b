import { EventEmitter } from 'node:events';
import type { Pool, PoolClient } from 'pg';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port';
import { PositionNotifier } from '../event-store/postgres/postgres-event-store';
import { CheckpointStore, DurableCheckpointStore } from './checkpoint-store';
import { LeaderLease } from './leader-lease';
import { decodeAll, Delivered, EventDecoder, EventFailure, ProcessorDefinition, tenantOf } from './processor';
import { describeError, isFenced, isTransient, retryDelay } from './retry-policy';
import { CHECKPOINT_CHANNEL, ProcessorState, ProcessorStatus } from './processor-status';
import { StagedBatch } from './staged-batch';
import { resolveRunnerOptions } from './runner-seams';
import type { BatchHost, ParkingHost, ProcessorRunnerOptions, ResolvedRunnerOptions } from './runner-seams';
import { TenantParking } from './tenant-parking';
import { projectorTransaction } from './projector-transaction';
import { ReactorCheckpoint } from './reactor-checkpoint';
import { BatchPause } from './batch-pause';

export type { ProcessorRunnerOptions } from './runner-seams';

const noop = () => undefined;

/**
 * Runs one processor, of either kind: holds its lease (other instances stand by), resumes from its
 * checkpoint, catches up by reading the log with readAll (the next batch read while one is
 * applied), then follows the head with a subscription. Batches are applied one at a time in log
 * order; the next one is read (and a reactor's prepared) while the previous one is applied.
 *
 * A projector's batch and checkpoint commit in one transaction; a reactor's checkpoint moves after
 * its effect. An event a processor cannot handle parks that processor for the event's tenant only
 * (found by halving the batch, a few attempts rather than one per event): that tenant's later
 * events wait, every other tenant goes on, and the parked events are applied in order when a
 * retry succeeds (see TenantParking). A failure that is not an event's (the database or broker is
 * away) stops the whole processor, which resumes from its checkpoint with backoff.
 */
export class ProcessorRunner extends EventEmitter implements ParkingHost, BatchHost {
  private status: ProcessorStatus;
  private readonly options: ResolvedRunnerOptions;
  readonly store: CheckpointStore;
  private readonly lease?: LeaderLease;
  private readonly notifier?: PositionNotifier;
  readonly parking: TenantParking;
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  /** False once stopping or pausing: no further batch is taken, the ones taken are finished. */
  private accepting = false;
  /** A batch passed over while stopping: no caught-up position past it may be recorded. */
  private passedOver = false;
  /** Bumped by a failure and a lost lease: batches of an earlier run are not applied. */
  private runId = 0;
  private running: Promise<void> = Promise.resolve();
  /** Completion of the last batch taken (or parked-tenant retry): work runs one piece at a time. */
  private tail: Promise<void> = Promise.resolve();
  /** A reactor's checkpoint writes (see ReactorCheckpoint). */
  private readonly reactorCheckpoint: ReactorCheckpoint;
  private readonly batchPause: BatchPause;
  /** Everything up to here has been applied or effected (a reactor's checkpoint may lag behind). */
  processedTo = 0n;

  constructor(
    readonly pool: Pool,
    readonly eventStore: EventStore,
    readonly definition: ProcessorDefinition,
    options: ProcessorRunnerOptions = {},
  ) {
    super();
    this.options = resolveRunnerOptions(options);
    this.store = options.store ?? new DurableCheckpointStore(pool, definition.name, definition.kind);
    if (!options.store) this.notifier = new PositionNotifier(pool, CHECKPOINT_CHANNEL, (position) => `${definition.name}:${position}`);
    if (this.options.lease) this.lease = new LeaderLease(pool, `annals.processor:${definition.name}`);
    this.parking = new TenantParking(this, this.store, this.options);
    this.batchPause = new BatchPause(definition.settleMs);
    this.reactorCheckpoint = new ReactorCheckpoint(
      this.store,
      (position) => this.checkpointed(position),
      (error, runId) => this.fail(error, runId),
    );
    this.status = {
      name: definition.name,
      kind: definition.kind,
      state: 'STARTING',
      position: 0n,
      caughtUpTo: 0n,
      lastError: null,
      retries: 0,
      updatedAt: null,
      parks: [],
    };
  }

  get name(): string {
    return this.definition.name;
  }

  getStatus(): ProcessorStatus {
    return { ...this.status, parks: this.parking.list() };
  }

  /** Taking batches (not stopped or paused). */
  isAccepting(): boolean {
    return this.accepting;
  }

  isLeader(): boolean {
    return this.lease ? this.lease.held : !this.stopped;
  }

  /** Resolves once it runs from its stored checkpoint, or stands by (rejects if the checkpoint cannot be read). */
  async start(): Promise<void> {
    this.stopped = false;
    if (!this.lease) return this.run();
    await this.tryLead();
  }

  /** Takes no further batch, finishes (and records) the ones taken, lets the lease go. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.pause();
    this.parking.cancelTimers();
    this.lease?.release();
    this.setState('STOPPED');
  }

  /** Like stop, but keeps the lease: a rebuild's switch-over holds the live runner here. */
  async pause(): Promise<void> {
    this.accepting = false;
    clearTimeout(this.timer);
    this.batchPause.end();
    // No parked tenant's retry while paused (a rebuild's switch-over moves the parks); resume reloads and reschedules them.
    this.parking.cancelTimers();
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    await this.running.catch(noop);
    await this.tail.catch(noop);
    // A reactor's position not yet recorded (see ReactorCheckpoint) is recorded before it lets go.
    if (this.definition.kind === 'reactor' && this.isLeader()) this.record(this.processedTo);
    await this.reactorCheckpoint.settled();
  }

  /** Runs again from the stored checkpoint after a pause. */
  async resume(): Promise<void> {
    if (this.stopped) return;
    // The lease went while paused (its standby timer was cleared): bid for it again.
    if (this.lease && !this.lease.held) return this.tryLead();
    await this.run().catch((error) => this.fail(error, this.runId));
  }

  setState(state: ProcessorState): void {
    this.status = { ...this.status, state };
  }

  private async tryLead(): Promise<void> {
    if (this.stopped || !this.lease) return;
    const led = await this.lease.acquire(() => this.leaseLost());
    if (this.stopped) return this.lease.release();
    if (!led) {
      this.setState('STANDBY');
      this.timer = setTimeout(() => void this.tryLead().catch((e) => this.options.log(describeError(e))), this.options.standbyRetryMs);
      return;
    }
    await this.run();
  }

  private leaseLost(): void {
    this.runId++;
    this.accepting = false;
    void this.subscription?.stop();
    this.subscription = undefined;
    this.setState('STANDBY');
    if (!this.stopped) this.timer = setTimeout(() => void this.tryLead().catch(noop), this.options.standbyRetryMs);
  }

  private async run(): Promise<void> {
    // A failed run's batches settle (and are recorded) before the checkpoint is read again.
    await this.tail.catch(noop);
    await this.reactorCheckpoint.settled();
    const runId = ++this.runId;
    const { checkpoint, parks } = await this.store.load();
    if (runId !== this.runId || this.stopped) return;
    this.status = {
      ...this.status,
      position: checkpoint.position,
      caughtUpTo: checkpoint.position,
      retries: checkpoint.retries,
      updatedAt: checkpoint.updatedAt,
    };
    if (this.status.state !== 'REBUILDING') this.setState('RUNNING');
    this.processedTo = checkpoint.position;
    this.reactorCheckpoint.reset(checkpoint.position);
    this.parking.load(parks);
    this.accepting = true;
    this.passedOver = false;
    this.tail = Promise.resolve();
    // In the background, as the subscription's deliveries are: starting does not wait for it.
    this.running = this.catchUp(checkpoint.position, runId).then(
      (position) => {
        if (this.current(runId)) this.follow(position, runId);
      },
      (error) => this.fail(error, runId),
    );
  }

  private current(runId: number): boolean {
    return runId === this.runId && this.accepting;
  }

  /**
   * Takes every matching event after `after` up to the head as it was when called, in batches of
   * catchUpBatchSize, each applied while the next is read; returns the position read up to.
   */
  private async catchUp(after: bigint, runId: number): Promise<bigint> {
    let batch: RecordedEvent[] = [];
    let position = after;
    for await (const event of this.eventStore.readAll({ after, filter: this.definition.filter })) {
      if (!this.current(runId)) break;
      batch.push(event);
      if (batch.length < this.options.catchUpBatchSize) continue;
      position = batch[batch.length - 1].position;
      await this.take(batch, runId);
      batch = [];
    }
    if (batch.length > 0 && this.current(runId)) {
      position = batch[batch.length - 1].position;
      await this.take(batch, runId);
    }
    await this.tail.catch(noop);
    return position;
  }

  /** From `after` on, batches as the subscription delivers them. */
  private follow(after: bigint, runId: number): void {
    this.subscription = this.eventStore.subscribeToAll(
      { after, batchSize: this.options.batchSize, filter: this.definition.filter },
      {
        // At the head, the next read waits for this batch: what arrives meanwhile makes one larger batch
        // (fewer commits, polls and NOTIFYs per append) instead of many small ones read ahead.
        handle: (events) => this.take(events, runId, false).then(() => (this.current(runId) ? this.batchPause.wait() : undefined)),
        onCaughtUp: (position) => {
          if (this.passedOver) return;
          void this.tail.then(() => this.caughtUp(position, runId), noop);
        },
        onError: (error) => this.fail(error, runId),
      },
    );
  }

  /**
   * Accepts a batch: filters it to the processor's events of unparked tenants, prepares it now,
   * applies it after the batches taken before it. Pipelined (catching up), it resolves once the
   * previous batch is applied, so reading goes on while this one is applied (and no further);
   * otherwise once this one is.
   */
  private take(events: RecordedEvent[], runId: number, pipelined = true): Promise<void> {
    if (!this.current(runId)) {
      this.passedOver = true;
      return Promise.resolve();
    }
    const handles = this.definition.handles;
    const relevant = handles ? events.filter((event) => handles.has(event.type)) : events;
    const batch = new StagedBatch(this, relevant, events[events.length - 1].position);
    const previous = this.tail;
    const current = previous.then(() => (runId === this.runId ? batch.apply() : undefined));
    this.tail = current;
    current.catch((error) => this.fail(error, runId));
    return (pipelined ? previous : current).then(noop, noop);
  }

  /** Work that must not interleave with batches (a parked tenant's retry, a switch-over): after them, one at a time. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.catch(noop).then(work);
    this.tail = run.then(noop, noop);
    return run;
  }

  /** The unparked tenants' events of `events`. */
  active(events: RecordedEvent[]): RecordedEvent[] {
    return this.parking.size === 0 ? events : events.filter((event) => !this.parking.isParked(tenantOf(event)));
  }

  /**
   * Applies `events` (all of unparked tenants) and moves the checkpoint to `last`. An event that
   * fails is isolated by halves; its tenant is parked and the rest goes on.
   */
  async process(events: RecordedEvent[], last: bigint, prepared?: () => Promise<Delivered>): Promise<void> {
    try {
      await this.apply(events, last, prepared);
    } catch (error) {
      const failure = error instanceof EventFailure ? error : undefined;
      if (isTransient(failure?.cause ?? error)) throw failure?.cause ?? error;
      const at = failure && this.definition.kind === 'reactor' ? events.indexOf(failure.event) : -1;
      if (failure && at >= 0) {
        // A reactor said which one: the events before it have had their effect.
        await this.parking.park(failure.event, failure.cause, failure.event.position);
        return this.process(this.active(events.slice(at + 1)), last);
      }
      if (events.length === 0) throw error;
      if (events.length === 1) return this.parking.park(events[0], failure?.cause ?? error, last);
      const half = Math.ceil(events.length / 2);
      await this.process(events.slice(0, half), events[half - 1].position);
      await this.process(this.active(events.slice(half)), last);
    }
  }

  private async apply(events: RecordedEvent[], last: bigint, prepared?: () => Promise<Delivered>): Promise<void> {
    const definition = this.definition;
    if (definition.kind === 'projector') {
      const typed = this.decoded(events);
      await this.inTransaction((tx) => (typed.length > 0 ? definition.projection.applyBatch(tx, typed) : Promise.resolve()), last);
      this.processedTo = last;
      this.checkpointed(last);
      return;
    }
    const effect = events.length > 0 ? await (prepared ?? definition.stage(this.decoded(events)))() : false;
    if (effect !== false) {
      this.processedTo = last;
      this.record(last);
    } else this.passed(last);
  }

  /** The events as the processor sees them: typed, at their current version (an undecodable one is its event's failure). */
  readonly decoded = (events: RecordedEvent[]): RecordedEvent[] => (this.definition.raw ? events : decodeAll(this.options.decode, events));

  get decoder(): EventDecoder | undefined {
    return this.definition.raw ? undefined : this.options.decode;
  }

  /** A projector's writes and, unless `checkpoint` is null, its checkpoint, in one transaction (see projectorTransaction). */
  inTransaction(work: (tx: PoolClient) => Promise<void>, checkpoint: bigint | null): Promise<void> {
    return projectorTransaction(this.pool, this.store, { schema: this.options.schema, checkpoint }, work);
  }

  /** A reactor's checkpoint, after the effect: written in order, not waited for by the next batch's effect. */
  record(position: bigint): void {
    this.reactorCheckpoint.record(position, this.runId);
  }

  /** A reactor is done up to `position` with no effect (caught up, or a batch that did nothing for it): recorded lazily. */
  private passed(position: bigint): void {
    if (position > this.processedTo) this.processedTo = position;
    this.reactorCheckpoint.passed(this.processedTo, this.runId);
    if (position > this.status.caughtUpTo) this.status.caughtUpTo = position;
    this.emit('caughtUp', this.status.caughtUpTo);
  }

  /** The checkpoint is durable at `position`: tell this instance's waiters and, by NOTIFY, every other's (if another listens). */
  checkpointed(position: bigint): void {
    if (position <= this.status.position && this.status.lastError === null) return;
    this.status = {
      ...this.status,
      state: this.status.state === 'FAILING' ? 'RUNNING' : this.status.state,
      position: position > this.status.position ? position : this.status.position,
      caughtUpTo: position > this.status.caughtUpTo ? position : this.status.caughtUpTo,
      lastError: null,
      retries: 0,
      updatedAt: new Date(),
    };
    this.emit('checkpoint', this.status.position);
    if (this.options.announce?.() ?? true) this.notifier?.notify(this.status.position);
  }

  private caughtUp(position: bigint, runId: number): void {
    if (runId !== this.runId || this.passedOver) return;
    // A reactor records it (lazily: see ReactorCheckpoint), so a restart need not read again through events that do nothing for it.
    if (this.definition.kind === 'reactor' && position > this.processedTo) return this.passed(position);
    if (position > this.status.caughtUpTo) this.status.caughtUpTo = position;
    this.emit('caughtUp', this.status.caughtUpTo);
  }

  /** The whole processor cannot run: stop this run, record why, resume from the checkpoint after a pause. */
  private fail(error: unknown, runId: number): void {
    if (runId !== this.runId) return;
    this.runId++;
    const subscription = this.subscription;
    this.subscription = undefined;
    void subscription?.stop();
    if (this.stopped) return;
    // Another instance has taken the processor over (this one lost its lease unawares): stand by.
    if (isFenced(error)) {
      this.options.log(`processor ${this.name}: ${describeError(error)}; standing by`);
      this.lease?.release();
      return this.leaseLost();
    }
    const retries = this.status.retries + 1;
    this.status = { ...this.status, state: 'FAILING', lastError: describeError(error), retries, updatedAt: new Date() };
    this.options.log(`processor ${this.name}: ${describeError(error)} (retry ${retries})`);
    void this.store.recordFailure(this.status.lastError, retries).catch(noop);
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        if (!this.stopped && this.isLeader()) void this.run().catch((e) => this.fail(e, this.runId));
      },
      retryDelay(this.options, retries),
    );
  }
}
