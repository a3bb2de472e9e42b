import { randomUUID } from 'node:crypto';
import { deterministicId, newId } from '../domain/ids';
import { EventMetadata, RecordedEvent } from '../event-store/event-store.port';
import { ActorKind, Caller } from '../auth/caller';

/** What every appended event's metadata says about who and why. */
export interface CommandContext {
  tenantId: string;
  actorId: string;
  correlationId: string;
  causationId: string;
  idempotencyKey?: string;
  actorKind?: ActorKind;
  ip?: string;
  userAgent?: string;
}

/** A command sent by a person (or API key) through the API. */
export const contextFromCaller = (caller: Caller): CommandContext => ({
  tenantId: caller.tenantId,
  actorId: caller.userId,
  correlationId: caller.requestId,
  causationId: randomUUID(),
  idempotencyKey: caller.idempotencyKey,
  actorKind: caller.actorKind ?? 'user',
  ip: caller.ip,
  userAgent: caller.userAgent,
});

/** A command a process manager sends because of an event: same correlation, caused by that event. */
export const contextFromEvent = (event: RecordedEvent, actorId = 'system:process-manager'): CommandContext => ({
  tenantId: event.metadata.tenantId,
  actorId,
  correlationId: event.metadata.correlationId,
  causationId: event.id,
  actorKind: 'system',
});

export const metadataFor = (context: CommandContext): EventMetadata => ({
  tenantId: context.tenantId,
  actorId: context.actorId,
  correlationId: context.correlationId,
  causationId: context.causationId,
  ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
  ...(context.actorKind ? { actorKind: context.actorKind } : {}),
  ...(context.ip ? { ip: context.ip } : {}),
  ...(context.userAgent ? { userAgent: context.userAgent } : {}),
});

/** A new id for a record a command creates: derived from the Idempotency-Key when there is one, so a retry targets the same record. */
export const createdId = (caller: Pick<Caller, 'tenantId' | 'idempotencyKey'>, kind: string): string =>
  caller.idempotencyKey ? deterministicId(caller.tenantId, caller.idempotencyKey, kind) : newId();
