import type { Role } from '../../shared/auth/caller';
import type { NotificationType } from '../public/notification-types';
import { days, daysBetween, forName, money, recordLink, text } from './notification-text';

/** An integration event's `data`, as a rule reads it (fields it lacks read as ''). */
export type EventData = Record<string, unknown>;

/** What the notifier looked up for a rule's sentences. */
export interface Facts {
  /** The client's name, when the rule names a client and CRM knows it. */
  client?: string;
  /** The lead's name (and company), when the rule names a lead. */
  lead?: string;
  /** The tenant's calendar date when the event happened. */
  today: string;
}

/** Who is told. */
export type Audience =
  /** One user named by the event, unless they did it themselves. */
  | { user: (data: EventData) => string; unlessActor?: (data: EventData) => string }
  /** The owner of the client the event is about. */
  | { clientOwner: (data: EventData) => string }
  /** The owner of the lead or client the event is about. */
  | { subjectOwner: (data: EventData) => { subjectType: string; subjectId: string } }
  /** Every active user of the tenant with one of these roles. */
  | { roles: readonly Role[] };

export interface NotificationRule {
  type: NotificationType;
  /** The integration event types that raise it (none: raised by the notifier's clock). */
  on: readonly string[];
  /** Whether email is on by default (in-app always is). */
  email: boolean;
  /** The in-app channel cannot be turned off. */
  locked?: boolean;
  to: Audience;
  about: (data: EventData) => { subjectType: string; subjectId: string };
  /** Names to look up for the sentences. */
  names?: { client?: (data: EventData) => string; lead?: (data: EventData) => string };
  title: (data: EventData, facts: Facts) => string;
  body: (data: EventData, facts: Facts) => string;
  link: (data: EventData) => string;
}

const clientOf = (data: EventData) => text(data.clientId);
const numbered = (kind: string, number: unknown) => (text(number) ? `${kind} ${text(number)}` : `A ${kind.toLowerCase()}`);
const amountOf = (data: EventData, ...fields: string[]) =>
  money(
    fields.map((field) => data[field]).find((v) => v !== undefined && v !== null),
    data.currency,
  );
const endpoint = (data: EventData) => text(data.url) || text(data.description) || 'A webhook endpoint';
const endpointLink = (data: EventData) => recordLink('webhookEndpoints', text(data.endpointId));
/** "Deliveries fail since 2026-12-01 10:00 UTC (HTTP 503: Service Unavailable)" from what the health event carries. */
const failures = (data: EventData) => {
  const n = Number(data.consecutiveFailures ?? data.failures ?? 0);
  const status = typeof data.statusCode === 'number' ? `HTTP ${data.statusCode}` : '';
  const error = text(data.lastError) || text(data.error);
  const detail = [status, error].filter(Boolean).join(': ');
  const since = text(data.since) || text(data.failingSince);
  const head =
    n > 0 ? `${n} deliveries in a row failed` : since ? `Deliveries fail since ${since.replace('T', ' ').slice(0, 16)} UTC` : 'Deliveries are failing';
  return `${head}${detail ? ` (last: ${detail})` : ''}`;
};
const disabledBecause = (data: EventData) =>
  data.automatic === false
    ? `An admin disabled it${text(data.reason) ? `: ${text(data.reason)}` : ''}. Nothing is sent to it until it is enabled again.`
    : `annals stopped sending to it${text(data.reason) ? `: ${text(data.reason)}` : ` (${failures(data)})`}. Fix the receiver, then enable the endpoint again.`;

/**
 * What people are told, one line per notification type: when, who, and what it says. Adding a type
 * is one entry here (and its name in NOTIFICATION_TYPES).
 */
export const NOTIFICATION_RULES: readonly NotificationRule[] = [
  {
    type: 'lead.assigned',
    on: ['crm.lead.assigned.v1'],
    email: true,
    to: { user: (d) => text(d.ownerId), unlessActor: (d) => text(d.assignedBy) },
    about: (d) => ({ subjectType: 'LEAD', subjectId: text(d.leadId) }),
    names: { lead: (d) => text(d.leadId) },
    title: (_d, f) => `Lead assigned to you${f.lead ? `: ${f.lead}` : ''}`,
    body: (_d, f) => `${f.lead ? `The lead ${f.lead}` : 'A lead'} is now yours to follow up.`,
    link: (d) => recordLink('leads', text(d.leadId)),
  },
  {
    type: 'client.assigned',
    on: ['crm.client.assigned.v1'],
    email: true,
    to: { user: (d) => text(d.ownerId), unlessActor: (d) => text(d.assignedBy) },
    about: (d) => ({ subjectType: 'CLIENT', subjectId: clientOf(d) }),
    names: { client: clientOf },
    title: (_d, f) => `Client assigned to you${f.client ? `: ${f.client}` : ''}`,
    body: (_d, f) => `${f.client ? `The client ${f.client}` : 'A client'} is now in your care.`,
    link: (d) => recordLink('clients', clientOf(d)),
  },
  {
    type: 'task.due',
    on: [],
    email: false,
    to: { subjectOwner: (d) => ({ subjectType: text(d.subjectType), subjectId: text(d.subjectId) }) },
    about: (d) => ({ subjectType: 'TASK', subjectId: text(d.activityId) }),
    names: { lead: (d) => (d.subjectType === 'LEAD' ? text(d.subjectId) : ''), client: (d) => (d.subjectType === 'CLIENT' ? text(d.subjectId) : '') },
    title: (d) => `Task due today: ${text(d.subject)}`,
    body: (d, f) => `"${text(d.subject)}"${forName(f.lead ?? f.client)} is due today (${text(d.dueOn)}) and not done yet.`,
    link: (d) => recordLink(d.subjectType === 'LEAD' ? 'leads' : 'clients', text(d.subjectId)),
  },
  {
    type: 'quote.accepted',
    on: ['orders.quote.accepted.v1'],
    email: false,
    to: { clientOwner: clientOf },
    about: (d) => ({ subjectType: 'QUOTE', subjectId: text(d.quoteId) }),
    names: { client: clientOf },
    title: (_d, f) => `Quote accepted${forName(f.client)}`,
    body: (d, f) => `The quote${forName(f.client)}${amountOf(d, 'total') ? ` (${amountOf(d, 'total')})` : ''} was accepted: an order can be placed from it.`,
    link: (d) => recordLink('quotes', text(d.quoteId)),
  },
  {
    type: 'quote.rejected',
    on: ['orders.quote.rejected.v1'],
    email: false,
    to: { clientOwner: clientOf },
    about: (d) => ({ subjectType: 'QUOTE', subjectId: text(d.quoteId) }),
    names: { client: clientOf },
    title: (_d, f) => `Quote rejected${forName(f.client)}`,
    body: (d, f) =>
      `The quote${forName(f.client)}${amountOf(d, 'total') ? ` (${amountOf(d, 'total')})` : ''} was rejected${text(d.reason) ? `: ${text(d.reason)}` : ''}.`,
    link: (d) => recordLink('quotes', text(d.quoteId)),
  },
  {
    type: 'order.payment_failed',
    on: ['orders.order.payment_failed.v1'],
    email: false,
    to: { clientOwner: clientOf },
    about: (d) => ({ subjectType: 'ORDER', subjectId: text(d.orderId) }),
    names: { client: clientOf },
    title: (_d, f) => `Payment failed${forName(f.client)}`,
    body: (d, f) =>
      `The payment${amountOf(d, 'total') ? ` of ${amountOf(d, 'total')}` : ''} for the order${forName(f.client)} failed${text(d.reason) ? `: ${text(d.reason)}` : ''}.`,
    link: (d) => recordLink('orders', text(d.orderId)),
  },
  {
    type: 'invoice.overdue',
    on: ['billing.invoice.overdue.v1'],
    email: true,
    to: { roles: ['accountant'] },
    about: (d) => ({ subjectType: 'INVOICE', subjectId: text(d.invoiceId) }),
    names: { client: clientOf },
    title: (d) => `${numbered('Invoice', d.number)} is overdue`,
    body: (d, f) => {
      const late = text(d.dueOn) ? daysBetween(text(d.dueOn), text(d.overdueOn) || f.today) : 0;
      const amount = amountOf(d, 'amountDue', 'balance', 'outstanding', 'total');
      return `${numbered('Invoice', d.number)}${forName(f.client)} is ${late > 0 ? `${days(late)} ` : ''}overdue${amount ? `: ${amount}` : ''}`;
    },
    link: (d) => recordLink('invoices', text(d.invoiceId)),
  },
  {
    type: 'invoice.paid',
    on: ['billing.invoice.paid.v1'],
    email: false,
    to: { clientOwner: clientOf },
    about: (d) => ({ subjectType: 'INVOICE', subjectId: text(d.invoiceId) }),
    names: { client: clientOf },
    title: (d) => `${numbered('Invoice', d.number)} is paid`,
    body: (d, f) =>
      `${numbered('Invoice', d.number)}${forName(f.client)} is paid in full${amountOf(d, 'total', 'amount') ? `: ${amountOf(d, 'total', 'amount')}` : ''}.`,
    link: (d) => recordLink('invoices', text(d.invoiceId)),
  },
  {
    type: 'webhook.endpoint_failing',
    on: ['webhooks.endpoint.failing.v1'],
    email: false,
    to: { roles: ['admin'] },
    about: (d) => ({ subjectType: 'WEBHOOK_ENDPOINT', subjectId: text(d.endpointId) }),
    title: (d) => `Webhook endpoint failing: ${endpoint(d)}`,
    body: (d) => `${failures(d)}. annals keeps retrying; the endpoint is disabled if it goes on failing.`,
    link: endpointLink,
  },
  {
    type: 'webhook.endpoint_disabled',
    on: ['webhooks.endpoint.disabled.v1'],
    email: true,
    locked: true,
    to: { roles: ['admin'] },
    about: (d) => ({ subjectType: 'WEBHOOK_ENDPOINT', subjectId: text(d.endpointId) }),
    title: (d) => `Webhook endpoint disabled: ${endpoint(d)}`,
    body: disabledBecause,
    link: endpointLink,
  },
  {
    type: 'webhook.endpoint_recovered',
    on: ['webhooks.endpoint.recovered.v1'],
    email: false,
    to: { roles: ['admin'] },
    about: (d) => ({ subjectType: 'WEBHOOK_ENDPOINT', subjectId: text(d.endpointId) }),
    title: (d) => `Webhook endpoint recovered: ${endpoint(d)}`,
    body: () => 'Deliveries succeed again.',
    link: endpointLink,
  },
];

export const ruleOf = (type: NotificationType): NotificationRule => NOTIFICATION_RULES.find((rule) => rule.type === type)!;

/** Integration event type → the rules it raises. */
export const RULES_BY_EVENT: ReadonlyMap<string, readonly NotificationRule[]> = NOTIFICATION_RULES.reduce((map, rule) => {
  for (const on of rule.on) map.set(on, [...(map.get(on) ?? []), rule]);
  return map;
}, new Map<string, NotificationRule[]>());
