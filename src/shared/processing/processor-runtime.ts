import { Pool } from 'pg';
import type { ChannelListener } from '../database/channel-listener';
import { DomainError } from '../domain/domain-error';
import type { EventStore } from '../event-store/event-store.port';
import { BlueGreenRebuild } from './blue-green-rebuild';
import { CheckpointAudience } from './checkpoint-audience';
import { Park, readCheckpoint, readParks, readPositions, setCheckpoint } from './checkpoint-store';
import type { ProcessorDefinition } from './processor';
import { ProcessorRunner, ProcessorRunnerOptions } from './processor-runner';
import { CHECKPOINT_CHANNEL, ProcessorStatus } from './processor-status';

/** Asks the instance that leads a processor to act on it: `rebuild:NAME`, `replay:NAME:POSITION`, `retry:NAME`, `parks:NAME`. */
export const CONTROL_CHANNEL = 'annals_projection_control';
const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

export class ProjectionError extends DomainError<'UNKNOWN_PROJECTION' | 'READ_MODEL_LAGGING' | 'PROJECTOR_NOT_REPLAYABLE' | 'REPLAY_AHEAD_OF_CHECKPOINT'> {}

export interface ProcessorStatusView extends ProcessorStatus {
  headPosition: bigint;
  lag: bigint;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** The writer's tenant: if a processor is parked for it, the wait fails at once instead of timing out. */
  tenantId?: string;
}

/**
 * Every processor of the app, one runner each (one active runner per processor across instances,
 * chosen by its lease), and the one status surface: positions, parks, rebuilds, replays, retries.
 * Lets a request wait until its own writes are visible (read-your-writes).
 */
export class ProcessorRuntime {
  private readonly runners = new Map<string, ProcessorRunner>();
  /** Highest checkpoint seen per processor, from this instance's runners or any instance's NOTIFY. */
  private readonly known = new Map<string, bigint>();
  /** Parked tenants per processor, from this instance's runners or (by NOTIFY) the table. */
  private readonly parks = new Map<string, Park[]>();
  private readonly waiters = new Set<() => void>();
  private readonly rebuilds = new Map<string, Promise<void>>();
  private readonly rebuildsUnderWay = new Map<string, BlueGreenRebuild>();
  private unlisten: (() => void)[] = [];
  private readonly audience: CheckpointAudience;

  constructor(
    private readonly pool: Pool,
    /** The instance's one LISTEN connection: checkpoints and control messages of every instance arrive on it. */
    private readonly channels: Pick<ChannelListener, 'listen' | 'onGap' | 'onConnected'>,
    private readonly store: EventStore,
    private readonly options: ProcessorRunnerOptions & { log: (message: string) => void },
  ) {
    this.audience = new CheckpointAudience(pool);
  }

  async start(definitions: readonly ProcessorDefinition[]): Promise<void> {
    await this.listen();
    for (const [name, parks] of await readParks(this.pool)) this.parks.set(name, parks);
    for (const definition of definitions) await this.runner(definition.name, definition).start();
  }

  /**
   * A processor that starts later than the app's (an integration consumer subscribing): it runs on
   * the runtime like the others (its lease, checkpoint, parks and status) until `stop`.
   */
  async add(definition: ProcessorDefinition, options: ProcessorRunnerOptions = {}): Promise<{ stop(): Promise<void> }> {
    const runner = this.runner(definition.name, definition, options);
    await runner.start();
    return {
      stop: async () => {
        await runner.stop();
        if (this.runners.get(definition.name) === runner) this.runners.delete(definition.name);
      },
    };
  }

  async stop(): Promise<void> {
    // A rebuild under way gives up at its next step rather than hold the shutdown.
    for (const rebuild of this.rebuildsUnderWay.values()) rebuild.abort();
    await Promise.all([...this.rebuilds.values()].map((rebuild) => rebuild.catch(() => undefined)));
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.waiters.forEach((wake) => wake());
    this.unlisten.forEach((unlisten) => unlisten());
    this.unlisten = [];
  }

  names(): string[] {
    return [...this.runners.keys()];
  }

  /** The runner of `name`; with a definition, a new one for it (a name is run once). */
  runner(name: string, definition?: ProcessorDefinition, options: ProcessorRunnerOptions = {}): ProcessorRunner {
    if (definition) {
      if (this.runners.has(name)) throw new Error(`Two processors are named ${name}`);
      const announce = () => this.audience.othersListening();
      const runner = new ProcessorRunner(this.pool, this.store, definition, { announce, ...this.options, ...options });
      const advance = (position: bigint) => this.advance(name, position);
      runner.on('checkpoint', advance);
      runner.on('caughtUp', advance);
      runner.on('parks', (parks: Park[]) => {
        this.parks.set(name, parks);
        void this.pool.query('SELECT pg_notify($1, $2)', [CONTROL_CHANNEL, `parks:${name}`]).catch(() => undefined);
      });
      this.runners.set(name, runner);
      return runner;
    }
    const runner = this.runners.get(name);
    if (!runner) throw new ProjectionError('UNKNOWN_PROJECTION', `No projection named "${name}"; known: ${this.names().join(', ')}`);
    return runner;
  }

  /** Resolves once each named processor has applied everything up to `position`. */
  async waitFor(names: string[], position: bigint | null, options: number | WaitOptions = {}): Promise<void> {
    if (position === null) return;
    const given = typeof options === 'number' ? { timeoutMs: options } : options;
    const timeoutMs = given.timeoutMs ?? READ_YOUR_WRITES_TIMEOUT_MS;
    // Only while one of these processors is parked for someone: the writer's tenant, if not given, is the event's.
    const tenantId = this.parkedBefore(names, position) ? (given.tenantId ?? (await this.tenantAt(position))) : given.tenantId;
    if (tenantId !== undefined) this.failIfParked(names, position, tenantId);
    const reached = () => names.every((name) => (this.known.get(name) ?? 0n) >= position);
    if (reached()) return this.confirmNotParked(names, position, tenantId);
    const deadline = Date.now() + timeoutMs;
    while (!reached()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new ProjectionError('READ_MODEL_LAGGING', `The change was saved (position ${position}) but is not visible yet; reload in a moment`, {
          position: position.toString(),
          projections: names,
        });
      }
      // Woken by a checkpoint (this instance's runners or another's NOTIFY), which updates what is
      // known: no query. Only the periodic re-read, for a missed notification, asks the database.
      const woken = await new Promise<boolean>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(
          () => {
            this.waiters.delete(wake);
            resolve(false);
          },
          Math.min(remaining, 250),
        );
        this.waiters.add(wake);
      });
      if (tenantId !== undefined) this.failIfParked(names, position, tenantId);
      if (!woken && !reached()) await this.refresh(names);
    }
    await this.confirmNotParked(names, position, tenantId);
  }

  /**
   * A processor led by another instance tells its checkpoint and its parks in two notifications;
   * the checkpoint may arrive first. Before a writer's wait resolves on such a checkpoint, the parks
   * table says whether the writer's own event parked its tenant (one query, on followers only).
   */
  private async confirmNotParked(names: string[], position: bigint, tenantId: string | undefined): Promise<void> {
    if (tenantId === undefined) return;
    const followed = names.filter((name) => !this.runners.get(name)?.isLeader());
    if (followed.length === 0) return;
    const parks = await readParks(this.pool, followed);
    for (const name of followed) this.parks.set(name, parks.get(name) ?? []);
    this.failIfParked(followed, position, tenantId);
  }

  private parkedBefore(names: string[], position: bigint): boolean {
    return names.some((name) => this.parks.get(name)?.some((park) => park.position <= position));
  }

  /** The tenant of the event stored at `position`. */
  private async tenantAt(position: bigint): Promise<string | undefined> {
    for await (const event of this.store.readAll({ after: position - 1n, maxCount: 1 }))
      return event.position === position ? event.metadata.tenantId : undefined;
    return undefined;
  }

  /** A parked tenant's write will not show until an operator's retry: say so now rather than after the timeout. */
  private failIfParked(names: string[], position: bigint, tenantId: string): void {
    for (const name of names) {
      const park = this.parks.get(name)?.find((p) => p.tenantId === tenantId);
      if (park && park.position <= position)
        throw new ProjectionError(
          'READ_MODEL_LAGGING',
          `The change was saved (position ${position}) but ${name} is stopped for your tenant at position ${park.position} (${park.eventType}: ${park.error}); it shows once an operator's retry succeeds`,
          { position: position.toString(), projections: names, parked: { processor: name, position: park.position.toString(), eventType: park.eventType } },
        );
    }
  }

  async statuses(): Promise<ProcessorStatusView[]> {
    const head = await this.store.headPosition();
    const result: ProcessorStatusView[] = [];
    for (const [name, runner] of this.runners) {
      let status = runner.getStatus();
      if (!runner.isLeader()) {
        // Another instance runs it: report what its checkpoint row and parks say.
        const checkpoint = await readCheckpoint(this.pool, name, runner.definition.kind);
        const parks = (await readParks(this.pool, [name])).get(name) ?? [];
        status = { ...status, ...checkpoint, caughtUpTo: checkpoint.position, parks };
      }
      const applied = status.caughtUpTo > status.position ? status.caughtUpTo : status.position;
      result.push({ ...status, headPosition: head, lag: head > applied ? head - applied : 0n });
    }
    return result;
  }

  async status(name: string): Promise<ProcessorStatusView> {
    this.runner(name);
    return (await this.statuses()).find((status) => status.name === name)!;
  }

  /**
   * A projector: rebuilt blue/green beside the live one (in the background; the live read model
   * answers until the switch). A reactor is never rebuilt: its effects happened; asking replays
   * it from the start of the log (idempotent effects: nothing happens twice).
   */
  async rebuild(name: string): Promise<ProcessorStatusView> {
    const runner = this.runner(name);
    if (runner.definition.kind === 'reactor') return this.replay(name, 0n);
    if (!runner.isLeader()) await this.control(`rebuild:${name}`);
    else this.startRebuild(runner);
    return this.status(name);
  }

  /** The rebuild under way here, if any (tests and the CLI follow it). */
  rebuilding(name: string): Promise<void> | undefined {
    return this.rebuilds.get(name);
  }

  /**
   * A reactor replayed from `from`: its checkpoint is set back there, and it runs on (its effects are
   * keyed: nothing happens twice). Never forwards (that would skip events), and never a projector:
   * a projector's rows are not keyed by event, so replaying into them would apply events twice; it
   * is rebuilt instead.
   */
  async replay(name: string, from: bigint): Promise<ProcessorStatusView> {
    const runner = this.runner(name);
    if (runner.definition.kind === 'projector')
      throw new ProjectionError('PROJECTOR_NOT_REPLAYABLE', `${name} is a read model: rebuild it (rebuildProjection) instead of replaying it`);
    const { position } = await readCheckpoint(this.pool, name, runner.definition.kind);
    if (from > position)
      throw new ProjectionError(
        'REPLAY_AHEAD_OF_CHECKPOINT',
        `${name} has handled the log up to position ${position}; a replay goes back from there (from ${position} or lower), never forwards past events it has not handled`,
      );
    // Waiters for this processor wait for the replay to come past their position again.
    this.known.set(name, from);
    if (!runner.isLeader()) await this.control(`replay:${name}:${from}`);
    else await this.replayHere(runner, from);
    return this.status(name);
  }

  /** Retries every tenant the processor is parked for, now; resolves with its status after. */
  async retry(name: string): Promise<ProcessorStatusView> {
    const runner = this.runner(name);
    if (!runner.isLeader()) await this.control(`retry:${name}`);
    else await runner.parking.retryAll();
    return this.status(name);
  }

  private startRebuild(runner: ProcessorRunner): void {
    if (this.rebuilds.has(runner.name)) return;
    const blueGreen = new BlueGreenRebuild(runner, { log: this.options.log });
    const rebuild = blueGreen
      .run()
      .catch((error) => this.options.log(`rebuild of ${runner.name} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.rebuilds.delete(runner.name);
        this.rebuildsUnderWay.delete(runner.name);
      });
    this.rebuilds.set(runner.name, rebuild);
    this.rebuildsUnderWay.set(runner.name, blueGreen);
  }

  private async replayHere(runner: ProcessorRunner, from: bigint): Promise<void> {
    await runner.pause();
    try {
      await setCheckpoint(this.pool, runner.name, from, runner.definition.kind);
    } finally {
      await runner.resume();
    }
  }

  private async control(message: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [CONTROL_CHANNEL, message]);
  }

  private onControl(payload: string): void {
    const [command, name, argument] = payload.split(':');
    const runner = this.runners.get(name);
    if (!runner) return;
    if (command === 'parks') {
      if (runner.isLeader()) return;
      void readParks(this.pool, [name]).then(
        (parks) => this.parks.set(name, parks.get(name) ?? []),
        () => undefined,
      );
      return;
    }
    if (!runner.isLeader()) return;
    const failed = (error: Error) => this.options.log(`${command} of ${name} failed: ${error.message}`);
    if (command === 'rebuild') this.startRebuild(runner);
    else if (command === 'replay') void this.replayHere(runner, BigInt(argument ?? '0')).catch(failed);
    else if (command === 'retry') void runner.parking.retryAll().catch(failed);
  }

  private advance(name: string, position: bigint) {
    if (position > (this.known.get(name) ?? 0n)) this.known.set(name, position);
    this.waiters.forEach((wake) => wake());
  }

  private async refresh(names: string[]) {
    for (const [name, position] of await readPositions(this.pool, names)) this.advance(name, position);
  }

  /** Checkpoints arrive by NOTIFY (waitFor also re-reads them every 250 ms); after a gap in listening, parks are read again. */
  private async listen() {
    this.unlisten.push(
      await this.channels.listen(CHECKPOINT_CHANNEL, (payload) => {
        const at = payload.lastIndexOf(':');
        if (at > 0) this.advance(payload.slice(0, at), BigInt(payload.slice(at + 1)));
      }),
      await this.channels.listen(CONTROL_CHANNEL, (payload) => this.onControl(payload)),
      // The listener connection holds the audience's lock, taken again whenever it reconnects.
      await this.channels.onConnected((client) => this.audience.join(client)),
      this.channels.onGap(() => {
        void readParks(this.pool).then(
          (all) => {
            for (const name of this.runners.keys()) if (!this.runners.get(name)!.isLeader()) this.parks.set(name, all.get(name) ?? []);
          },
          () => undefined,
        );
      }),
    );
  }
}
