import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { projections } from '../../../projections';
import { Database } from '../database/database';
import { DomainError } from '../domain/domain-error';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { Projection } from './projection';
import { DATABASE } from '../tokens';
import { CHECKPOINT_CHANNEL, ProjectionRunner, ProjectionStatus, readCheckpoint } from './projection-runner';

export const CONTROL_CHANNEL = 'annals_projection_control';
const READ_YOUR_WRITES_TIMEOUT_MS = 5000;

export class ProjectionError extends DomainError<'UNKNOWN_PROJECTION' | 'READ_MODEL_LAGGING'> {}

export interface ProjectionStatusView extends ProjectionStatus {
  headPosition: bigint;
  lag: bigint;
}

/**
 * Runs every registered projection (one active runner per projection across instances, chosen
 * by an advisory lock) and lets a request wait until its own writes are visible in a read model.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Projections');
  private readonly runners = new Map<string, ProjectionRunner>();
  /** Highest checkpoint seen per projection, from this instance's runners or any instance's NOTIFY. */
  private readonly known = new Map<string, bigint>();
  private readonly waiters = new Set<() => void>();
  private listener?: Client;
  private readonly registered: Projection[] = [...projections];

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    for (const projection of this.registered) {
      const runner = new ProjectionRunner(this.database.pool, this.store, projection, {
        log: (message) => this.logger.warn(message),
      });
      const advance = (position: bigint) => this.advance(projection.name, position);
      runner.on('checkpoint', advance);
      runner.on('caughtUp', advance);
      this.runners.set(projection.name, runner);
      await runner.start();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.waiters.forEach((wake) => wake());
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Adds a subscriber defined elsewhere (a process manager); call before the app boots. */
  register(projection: Projection) {
    this.registered.push(projection);
  }

  names(): string[] {
    return [...this.runners.keys()];
  }

  /** Resolves once each named projection has applied everything up to `position`. */
  async waitFor(names: string[], position: bigint | null, timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS): Promise<void> {
    if (position === null) return;
    const reached = () => names.every((name) => (this.known.get(name) ?? 0n) >= position);
    if (reached()) return;
    const deadline = Date.now() + timeoutMs;
    while (!reached()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new ProjectionError(
          'READ_MODEL_LAGGING',
          `The change was saved (position ${position}) but is not visible yet; reload in a moment`,
          { position: position.toString(), projections: names },
        );
      }
      // Woken by a checkpoint (this instance's runners or another's NOTIFY), which updates what is
      // known: no query. Only the periodic re-read, for a missed notification, asks the database.
      const woken = await new Promise<boolean>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          this.waiters.delete(wake);
          resolve(false);
        }, Math.min(remaining, 250));
        this.waiters.add(wake);
      });
      if (!woken && !reached()) await this.refresh(names);
    }
  }

  async statuses(): Promise<ProjectionStatusView[]> {
    const head = await this.store.headPosition();
    const result: ProjectionStatusView[] = [];
    for (const [name, runner] of this.runners) {
      let status = runner.getStatus();
      if (!runner.isLeader()) {
        // Another instance runs it: report what its checkpoint row says.
        const checkpoint = await readCheckpoint(this.database.pool, name);
        status = { ...status, ...checkpoint, caughtUpTo: checkpoint.position };
      }
      const applied = status.caughtUpTo > status.position ? status.caughtUpTo : status.position;
      result.push({ ...status, headPosition: head, lag: head > applied ? head - applied : 0n });
    }
    return result;
  }

  /** Empties the read model and replays the log into it; queries see it fill up again. */
  async rebuild(name: string): Promise<ProjectionStatusView> {
    const runner = this.runners.get(name);
    if (!runner)
      throw new ProjectionError('UNKNOWN_PROJECTION', `No projection named "${name}"; known: ${this.names().join(', ')}`);
    this.known.set(name, 0n);
    if (runner.isLeader()) await runner.rebuild();
    else await this.database.pool.query('SELECT pg_notify($1, $2)', [CONTROL_CHANNEL, `rebuild:${name}`]);
    return (await this.statuses()).find((status) => status.name === name)!;
  }

  private advance(name: string, position: bigint) {
    if (position > (this.known.get(name) ?? 0n)) this.known.set(name, position);
    this.waiters.forEach((wake) => wake());
  }

  private async refresh(names: string[]) {
    const { rows } = await this.database.pool.query(`SELECT name, position FROM projection_checkpoints WHERE name = ANY($1)`, [names]);
    for (const row of rows) this.advance(row.name, BigInt(row.position));
  }

  private async listen() {
    const client = new Client({ connectionString: this.database.url });
    client.on('error', (error) => this.logger.warn(`checkpoint listener: ${error.message}`));
    await client.connect();
    client.on('notification', (message) => {
      if (!message.payload) return;
      if (message.channel === CHECKPOINT_CHANNEL) {
        const at = message.payload.lastIndexOf(':');
        this.advance(message.payload.slice(0, at), BigInt(message.payload.slice(at + 1)));
      } else if (message.channel === CONTROL_CHANNEL && message.payload.startsWith('rebuild:')) {
        const runner = this.runners.get(message.payload.slice('rebuild:'.length));
        if (runner?.isLeader()) void runner.rebuild().catch((error) => this.logger.error(`rebuild failed: ${error.message}`));
      }
    });
    await client.query(`LISTEN ${CHECKPOINT_CHANNEL}`);
    await client.query(`LISTEN ${CONTROL_CHANNEL}`);
    this.listener = client;
  }
}
