import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ChannelListener } from '../database/channel-listener';
import { Database } from '../database/database';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { ProcessorDefinition, projector } from '../processing/processor';
import type { ProcessorRunnerOptions } from '../processing/processor-runner';
import { ProcessorRuntime, ProcessorStatusView, WaitOptions } from '../processing/processor-runtime';
import { PROCESSORS, ProcessorRegistrations } from '../processing/processors.module';
import { DATABASE } from '../tokens';

export { CONTROL_CHANNEL, ProjectionError } from '../processing/processor-runtime';
export type { ProcessorStatusView as ProjectionStatusView, WaitOptions } from '../processing/processor-runtime';

/**
 * The processor runtime inside the app: runs every processor the composition root registered
 * (projectors and reactors) and lets a request wait until its own writes are visible.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Processors');
  private readonly runtime: ProcessorRuntime;

  constructor(
    @Inject(DATABASE) database: Database,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PROCESSORS) private readonly registrations: ProcessorRegistrations,
    private readonly moduleRef: ModuleRef,
    channels: ChannelListener,
  ) {
    this.runtime = new ProcessorRuntime(database.pool, channels, store, { log: (message) => this.logger.warn(message), decode: registrations.decode });
  }

  private started?: Promise<void>;

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  /** Starts every processor, once: at bootstrap, or earlier when a bootstrap step must wait for a read model (the demo seeder). */
  start(): Promise<void> {
    this.started ??= this.startAll();
    return this.started;
  }

  private async startAll(): Promise<void> {
    const definitions: ProcessorDefinition[] = this.registrations.projectors.map(projector);
    for (const type of this.registrations.reactors) {
      const reactor = this.moduleRef.get(type, { strict: false }).reactor();
      if (reactor) definitions.push(reactor);
    }
    await this.runtime.start(definitions);
  }

  async onModuleDestroy(): Promise<void> {
    await this.runtime.stop();
  }

  names(): string[] {
    return this.runtime.names();
  }

  /**
   * Resolves once each named processor has applied everything up to `position`. With the writer's
   * tenant (`{ tenantId }`), a processor parked for that tenant fails the wait at once.
   */
  waitFor(names: string[], position: bigint | null, options?: number | WaitOptions): Promise<void> {
    return this.runtime.waitFor(names, position, options);
  }

  statuses(): Promise<ProcessorStatusView[]> {
    return this.runtime.statuses();
  }

  /** A projector is rebuilt blue/green (the live read model answers until the switch); a reactor is replayed from the start. */
  rebuild(name: string): Promise<ProcessorStatusView> {
    return this.runtime.rebuild(name);
  }

  replay(name: string, from: bigint): Promise<ProcessorStatusView> {
    return this.runtime.replay(name, from);
  }

  retry(name: string): Promise<ProcessorStatusView> {
    return this.runtime.retry(name);
  }

  /** Runs a processor that starts after the app's (an integration consumer) on the runtime, until stopped. */
  run(definition: ProcessorDefinition, options?: ProcessorRunnerOptions): Promise<{ stop(): Promise<void> }> {
    return this.runtime.add(definition, options);
  }

  /** The rebuild this instance runs for `name`, if any. */
  rebuilding(name: string): Promise<void> | undefined {
    return this.runtime.rebuilding(name);
  }
}
