import type { RecordedEvent } from '../event-store/event-store.port';
import type { Delivered } from './processor';
import type { BatchHost } from './runner-seams';

/**
 * A batch taken from the log: filtered to unparked tenants and (a reactor's) prepared as soon as
 * it is read; applied later, in order. A park decided meanwhile changes who is parked: it is then
 * filtered and prepared again.
 */
export class StagedBatch {
  private readonly epoch: number;
  private readonly events: RecordedEvent[];
  private prepared?: () => Promise<Delivered>;

  constructor(
    private readonly runner: BatchHost,
    private readonly relevant: RecordedEvent[],
    private readonly last: bigint,
  ) {
    this.epoch = runner.parking.epoch;
    this.events = runner.active(relevant);
    const definition = runner.definition;
    if (definition.kind === 'reactor' && this.events.length > 0) {
      try {
        this.prepared = definition.stage(runner.decoded(this.events));
      } catch {
        // An event's failure: found again, and isolated, when the batch is applied.
      }
    }
  }

  apply(): Promise<void> {
    if (this.epoch !== this.runner.parking.epoch) return this.runner.process(this.runner.active(this.relevant), this.last);
    return this.runner.process(this.events, this.last, this.prepared);
  }
}
