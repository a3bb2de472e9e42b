/** Every type of notification staff can receive, as the API and preferences name them. */
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

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const isNotificationType = (value: string): value is NotificationType => (NOTIFICATION_TYPES as readonly string[]).includes(value);

export type NotificationChannel = 'IN_APP' | 'EMAIL';
export type EmailDigest = 'DAILY' | 'IMMEDIATE';
