/** Every notification type, in the order people read them (the server's NOTIFICATION_TYPES). */
export const NOTIFICATION_TYPES = [
  'lead.assigned',
  'client.assigned',
  'task.due',
  'quote.accepted',
  'quote.rejected',
  'order.payment_failed',
  'invoice.overdue',
  'invoice.paid',
  'webhook.endpoint_failing',
  'webhook.endpoint_disabled',
  'webhook.endpoint_recovered',
] as const;

/** The translation key of a type's name (polyglot keys cannot hold dots). */
export const typeLabel = (type: string) => `annals.notifications.types.${type.replace(/\./g, '_')}`;
