import type { CheckpointStore } from './checkpoint-store';

const noop = () => undefined;

/**
 * How often a reactor records a position that no effect of its own moved: a caught-up position
 * (every append wakes every processor), or a batch that had nothing to do for it.
 */
export const PASSED_RECORD_MS = 5000;

/**
 * A reactor's checkpoint writes. After an effect the checkpoint moves at once (written in order,
 * one at a time, not waited for by the next batch's effect), so a crash redelivers at most what was
 * in progress. A position that had no effect for it (caught up, or a batch its `deliver` said did
 * nothing) is recorded at most every PASSED_RECORD_MS: a checkpoint write and a NOTIFY per reactor
 * per append cost the command path a quarter of its rate. A crash then reads again at most that
 * last stretch, which has no effect for it; a stop records it.
 */
export class ReactorCheckpoint {
  private recording: Promise<void> = Promise.resolve();
  private recorded = 0n;
  private passedRecordedAt = 0;

  constructor(
    private readonly store: CheckpointStore,
    /** The write is durable at `position`. */
    private readonly durable: (position: bigint) => void,
    /** The write failed (the run that asked for it, to fail it). */
    private readonly failed: (error: unknown, runId: number) => void,
  ) {}

  /** A run starts from the stored checkpoint. */
  reset(position: bigint): void {
    this.recorded = position;
  }

  /** Everything up to `position` has had its effect: written now (after the writes asked before it). */
  record(position: bigint, runId: number): void {
    if (position <= this.recorded) return;
    this.recorded = position;
    const write = this.recording.catch(noop).then(() => this.store.advance(position));
    this.recording = write;
    write.then(
      () => this.durable(position),
      (error) => this.failed(error, runId),
    );
  }

  /** Everything up to `position` is done and none of it had an effect: written if none was for a while. */
  passed(position: bigint, runId: number): void {
    const now = Date.now();
    if (now - this.passedRecordedAt < PASSED_RECORD_MS) return;
    this.passedRecordedAt = now;
    this.record(position, runId);
  }

  /** Resolves once the writes asked so far are done (whatever became of them). */
  settled(): Promise<void> {
    return this.recording.catch(noop);
  }
}
