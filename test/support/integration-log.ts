import { randomUUID } from 'node:crypto';
import type { EventMetadata, RecordedEvent } from '../../src/shared/event-store/event-store.port';

/**
 * A log in memory, for contract tests: events appended to named streams get revisions and global
 * positions as the store would give them.
 */
export class MemoryLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, bigint>();
  private time = Date.parse('2026-12-01T09:00:00.000Z');

  constructor(readonly tenantId: string) {}

  append(streamName: string, type: string, data: object, metadata: Partial<EventMetadata> = {}): RecordedEvent {
    const revision = this.revisions.has(streamName) ? this.revisions.get(streamName)! + 1n : 0n;
    this.revisions.set(streamName, revision);
    this.time += 60_000;
    const event: RecordedEvent = {
      id: randomUUID(),
      streamName,
      type,
      revision,
      position: BigInt(this.events.length + 1),
      data,
      metadata: { tenantId: this.tenantId, actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID(), ...metadata },
      recordedAt: new Date(this.time),
    };
    this.events.push(event);
    return event;
  }
}
