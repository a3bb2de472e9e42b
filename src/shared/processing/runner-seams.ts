import type { Pool, PoolClient } from 'pg';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import type { CheckpointStore, Park } from './checkpoint-store';
import type { Delivered, EventDecoder, ProcessorDefinition } from './processor';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from './retry-policy';
import { CATCH_UP_BATCH } from './processor-status';

/**
 * The seams between a processor's runner and the parts it hands work to (a parked tenant's
 * retries, a staged batch): what each needs of the runner, so neither depends on the runner itself.
 */

export interface ProcessorRunnerOptions extends Partial<RetryPolicy> {
  /** Largest batch handed over at once once caught up (what one wake-up delivers). */
  batchSize?: number;
  /** Batch size while catching up from the checkpoint (a rebuild, a restart after downtime). */
  catchUpBatchSize?: number;
  /** How often a standby runner asks for the lease. */
  standbyRetryMs?: number;
  /** Where the checkpoint and parks live: the durable tables unless a rebuild's shadow says otherwise. */
  store?: CheckpointStore;
  /** Without a lease of its own: a rebuild's shadow, run by the live runner's leader. */
  lease?: boolean;
  /** Schema searched first by a projector's statements (a rebuild's shadow tables). */
  schema?: string;
  /** Retries parked tenants by itself with the retry policy (not a rebuild's shadow: its parks go live at the switch). */
  autoRetry?: boolean;
  /** Typed events for the processor (see EventDecoder); without it, events go as stored. */
  decode?: EventDecoder;
  /** Whether a checkpoint is worth a NOTIFY: another instance listens (see CheckpointAudience). Without it, always. */
  announce?: () => boolean;
  log?: (message: string) => void;
}

export type ResolvedRunnerOptions = Required<Omit<ProcessorRunnerOptions, 'store' | 'schema' | 'decode' | 'announce'>> &
  Pick<ProcessorRunnerOptions, 'schema' | 'decode' | 'announce'>;

/** The options with their defaults; an option given as undefined keeps its default. */
export const resolveRunnerOptions = (options: ProcessorRunnerOptions): ResolvedRunnerOptions => ({
  batchSize: 2000,
  catchUpBatchSize: CATCH_UP_BATCH,
  standbyRetryMs: 5000,
  lease: true,
  autoRetry: true,
  log: () => undefined,
  ...DEFAULT_RETRY_POLICY,
  ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
});

/** What a processor's tenant parking needs of its runner. */
export interface ParkingHost {
  readonly name: string;
  readonly definition: ProcessorDefinition;
  readonly eventStore: EventStore;
  readonly pool: Pool;
  /** Everything up to here has been applied or effected. */
  processedTo: bigint;
  checkpointed(position: bigint): void;
  emit(event: 'parks', parks: Park[]): boolean;
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  isLeader(): boolean;
  isAccepting(): boolean;
  inTransaction(work: (tx: PoolClient) => Promise<void>, checkpoint: bigint | null): Promise<void>;
  decoded(events: RecordedEvent[]): RecordedEvent[];
}

/** What a batch taken from the log needs of its runner. */
export interface BatchHost {
  readonly definition: ProcessorDefinition;
  readonly parking: { readonly epoch: number };
  active(events: RecordedEvent[]): RecordedEvent[];
  decoded(events: RecordedEvent[]): RecordedEvent[];
  process(events: RecordedEvent[], last: bigint, prepared?: () => Promise<Delivered>): Promise<void>;
}
