export type Actor = { id: string; kind: string; name: string | null; email: string | null };

export type AuditLogItem = {
  position: string;
  recordedAt: string;
  entity: string;
  entityId: string;
  type: string;
  actor: Actor;
  correlationId: string | null;
  causationId: string | null;
  ip: string | null;
  userAgent: string | null;
  data: unknown;
};

export type AuditLogFilter = Partial<Record<'actorId' | 'entity' | 'entityId' | 'eventType' | 'from' | 'to' | 'correlationId', string>>;

export type Seal = { through: string; position: string; hash: string; sealedAt: string; actorId: string | null; intact: boolean | null };

export const actorLabel = (actor: Actor | null) => (actor ? (actor.name ?? actor.email ?? actor.id) + (actor.kind === 'user' ? '' : ` (${actor.kind})`) : '');

/** Show a recorded value as a person reads it. */
export const shown = (value: unknown): string =>
  value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** `datetime-local` input value (local time) ↔ ISO instant. */
export const toIso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/** Entities whose records have a timeline of field changes. */
export const TIMELINE_ENTITIES = ['lead', 'client', 'activity', 'product', 'quote', 'order', 'invoice', 'journalEntry'];
