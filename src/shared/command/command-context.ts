import { randomUUID } from 'node:crypto';
import { deterministicId, newId } from '../domain/ids';
import { EventMetadata, RecordedEvent } from '../event-store/event-store.port';
import { ActorKind, Caller } from '../auth/caller';
import { BadInputError } from '../domain/domain-error';

/** What every appended event's metadata says about who and why. */
export interface CommandContext {
  tenantId: string;
  actorId: string;
  correlationId: string;
  causationId: string;
  /** Event ids derive from it: a caller's key in the caller's namespace (`scopedIdempotencyKey`), or a process manager's own. */
  idempotencyKey?: string;
  actorKind?: ActorKind;
  ip?: string;
  userAgent?: string;
}

/** The longest Idempotency-Key header accepted. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * A caller's Idempotency-Key in the caller's own namespace, `<actor kind>:<actor id>:<key>`: a
 * person's or API key's keys are theirs alone, and can never be a process manager's, whose keys are
 * fixed strings of the code (`billing:<event id>`, `quote-expiry:<quote id>`) used as they are.
 */
export const scopedIdempotencyKey = (caller: Pick<Caller, 'userId' | 'actorKind' | 'idempotencyKey'>): string | undefined => {
  const key = caller.idempotencyKey;
  if (!key) return undefined;
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    throw new BadInputError({ 'Idempotency-Key': [`may be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters; send a shorter key, such as a UUID`] });
  const kind = caller.actorKind ?? 'user';
  return kind === 'system' ? key : `${kind}:${caller.userId}:${key}`;
};

const CALLER_SCOPE = /^(?:user|api_key):[^:]+:/;

/** The key as its sender wrote it (what the events' metadata shows): a caller's scoped key without its scope. */
export const sentIdempotencyKey = (key: string): string => key.replace(CALLER_SCOPE, '');

/** A command sent by a person (or API key) through the API. */
export const contextFromCaller = (caller: Caller): CommandContext => ({
  tenantId: caller.tenantId,
  actorId: caller.userId,
  correlationId: caller.requestId,
  causationId: randomUUID(),
  idempotencyKey: scopedIdempotencyKey(caller),
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
  ...(context.idempotencyKey ? { idempotencyKey: sentIdempotencyKey(context.idempotencyKey) } : {}),
  ...(context.actorKind ? { actorKind: context.actorKind } : {}),
  ...(context.ip ? { ip: context.ip } : {}),
  ...(context.userAgent ? { userAgent: context.userAgent } : {}),
});

/** A new id for a record a command creates: derived from the Idempotency-Key when there is one, so a retry targets the same record. */
export const createdId = (caller: Pick<Caller, 'tenantId' | 'userId' | 'actorKind' | 'idempotencyKey'>, kind: string): string => {
  const key = scopedIdempotencyKey(caller);
  return key ? deterministicId(caller.tenantId, key, kind) : newId();
};
