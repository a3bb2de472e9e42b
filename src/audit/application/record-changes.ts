import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BadInputError, NotFoundError } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import type { RecordedEvent } from '../../shared/event-store/event-store.port';
import { HISTORY_ENTITIES } from '../../shared/history/history.resolver';
import { KnownAtMoment, knownAtScope, RecordLog } from '../../shared/history/known-at';
import { RECORD_READERS } from '../../shared/history/record-readers';
import { UserDirectory } from '../../identity/public/user-directory';
import { ActorNames } from './actors';

/** Fields every event moves: not a change anyone made. */
const UNCHANGING = new Set(['updatedAt']);

export interface FieldDiff {
  field: string;
  before: unknown;
  after: unknown;
}

const plain = (value: unknown): unknown =>
  value === undefined ? null : JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)));

/** The top-level fields of the API record that differ between two states (null: the record did not exist). */
export const diffRecords = (before: object | null, after: object | null): FieldDiff[] => {
  const a = (plain(before) ?? {}) as Record<string, unknown>;
  const b = (plain(after) ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((field) => !UNCHANGING.has(field) && !field.startsWith('__'));
  return fields
    .filter((field) => JSON.stringify(a[field] ?? null) !== JSON.stringify(b[field] ?? null))
    .map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }));
};

/**
 * A record's events turned into the fields each changed, in the API's words: the record is read
 * through the API's own query (RecordResolver's read) just before and just after each of its events
 * (knownAtScope at the event's position, the record's own stream held one event back for "before";
 * streams read once), and the two states are compared. Both states see other records as known at
 * the event, so a field another record contributes (an order's clientName) shows as changed by the
 * event that set it from the record's side (the order placed for that client), never by the other
 * record's later changes (the client renamed), which are that record's own changes.
 */
@Injectable()
export class RecordChanges {
  constructor(
    private readonly log: RecordLog,
    private readonly modules: ModuleRef,
    private readonly directory: UserDirectory,
  ) {}

  async changes(tenantId: string, entity: string, id: string) {
    const category = HISTORY_ENTITIES[entity];
    const reader = RECORD_READERS.get(entity);
    if (!category || !reader) {
      const known = Object.keys(HISTORY_ENTITIES).filter((name) => RECORD_READERS.has(name));
      throw new BadInputError({ entity: [`unknown entity "${entity}"; use one of: ${known.join(', ')}`] });
    }
    if (!isUuid(id)) throw new NotFoundError(entity, id);
    const cache = new Map<string, RecordedEvent[]>();
    const events = await this.log.streamEvents(tenantId, `${category}-${id}`, cache);
    if (events.length === 0) throw new NotFoundError(entity, id);
    const queries = this.modules.get(reader.queries, { strict: false });
    const actors = new ActorNames(this.directory, tenantId);
    const changes = [];
    const stream = `${category}-${id}`;
    const read = async (moment: KnownAtMoment) => ((await knownAtScope.run(moment, () => reader.read(queries, tenantId, id))) ?? null) as object | null;
    let previous: bigint | null = null;
    for (const event of events) {
      // Before and after this event, everything else as known at it: what other records contribute
      // (a client's name on an order) changed by their own events is not this record's change.
      const at = { throughPosition: event.position, at: event.recordedAt, cache };
      const before = previous === null ? null : await read({ ...at, streams: new Map([[stream, previous]]) });
      const after = await read(at);
      previous = event.position;
      changes.push({
        revision: Number(event.revision),
        position: event.position.toString(),
        recordedAt: event.recordedAt,
        type: event.type,
        actor: await actors.of(event.metadata.actorId, event.metadata.actorKind as string | undefined),
        correlationId: event.metadata.correlationId ?? null,
        fields: diffRecords(before, after),
      });
    }
    return changes;
  }
}
