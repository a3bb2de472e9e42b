import type { AuditLogItem } from './audit-types';

const COLUMNS = [
  'position',
  'recordedAt',
  'entity',
  'entityId',
  'type',
  'actorId',
  'actorKind',
  'actorName',
  'actorEmail',
  'correlationId',
  'causationId',
  'ip',
  'userAgent',
  'data',
];

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading = + - @ is kept as text (no spreadsheet formula). */
const field = (value: unknown): string => {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const auditLogCsv = (items: AuditLogItem[]): string =>
  [
    COLUMNS.join(','),
    ...items.map((i) =>
      [
        i.position,
        i.recordedAt,
        i.entity,
        i.entityId,
        i.type,
        i.actor.id,
        i.actor.kind,
        i.actor.name,
        i.actor.email,
        i.correlationId,
        i.causationId,
        i.ip,
        i.userAgent,
        i.data,
      ]
        .map(field)
        .join(','),
    ),
  ].join('\r\n') + '\r\n';

export const download = (name: string, text: string, type: string) => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
