import { RecordedEvent, streamCategory } from '../../src/shared/event-store/event-store.port';
import { Projection } from '../../src/shared/projection/projection';

export const AUDIT_LOG_PROJECTION = 'audit.log';

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** One audit-log row per stored event: who (actor, kind, IP, user agent), what (record, type, data), when, and why (correlation, causation). */
export const auditLogRow = (event: RecordedEvent) => {
  const metadata = event.metadata ?? ({} as RecordedEvent['metadata']);
  const category = streamCategory(event.streamName);
  return {
    position: event.position.toString(),
    tenant_id: text(metadata.tenantId) ?? '',
    recorded_at: event.recordedAt.toISOString(),
    entity: category,
    entity_id: event.streamName.length > category.length ? event.streamName.slice(category.length + 1) : event.streamName,
    type: event.type,
    actor_id: text(metadata.actorId),
    actor_kind: text(metadata.actorKind) ?? (text(metadata.actorId)?.startsWith('system:') ? 'system' : 'user'),
    correlation_id: text(metadata.correlationId),
    causation_id: text(metadata.causationId),
    ip: text(metadata.ip),
    user_agent: text(metadata.userAgent),
    data: JSON.stringify(event.data ?? null),
  };
};

type AuditLogRow = ReturnType<typeof auditLogRow>;
const COLUMNS: [keyof AuditLogRow, string][] = [
  ['position', 'bigint'],
  ['tenant_id', 'text'],
  ['recorded_at', 'timestamptz'],
  ['entity', 'text'],
  ['entity_id', 'text'],
  ['type', 'text'],
  ['actor_id', 'text'],
  ['actor_kind', 'text'],
  ['correlation_id', 'text'],
  ['causation_id', 'text'],
  ['ip', 'text'],
  ['user_agent', 'text'],
  ['data', 'jsonb'],
];
const INSERT_SQL =
  `INSERT INTO audit_log (${COLUMNS.map(([name]) => name).join(', ')}) ` +
  `SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) ON CONFLICT (position) DO NOTHING`;

/** How long the audit log and chain pause after a batch at the head: every append wakes them, and no command waits for them. */
export const AUDIT_SETTLE_MS = 50;

/**
 * The whole tenant's trail: every event of the log, whatever its type (failed sign-ins included),
 * as stored (no decoding: the trail shows what was written). One statement per batch, and batches
 * of what arrived within AUDIT_SETTLE_MS (at 500 commands/s, ≈25 events instead of ≈7).
 */
export const auditLogProjection: Projection = {
  name: AUDIT_LOG_PROJECTION,
  handles: [],
  raw: true,
  settleMs: AUDIT_SETTLE_MS,
  tables: ['audit_log'],
  async applyBatch(tx, events) {
    if (events.length === 0) return;
    const rows = events.map(auditLogRow);
    await tx.query({ name: 'audit.log:insert', text: INSERT_SQL, values: COLUMNS.map(([name]) => rows.map((row) => row[name])) });
  },
};
