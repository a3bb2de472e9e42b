/**
 * The integration events CRM publishes: a public contract, separate from the domain events.
 * Domain events may be renamed, split or reshaped; these change only by adding a new versioned
 * type (`crm.lead.captured.v2`) next to the old one. Documented in docs/integration-events.md.
 *
 * Envelope: CloudEvents 1.0, structured JSON mode. `id` is the domain event's id, so a consumer
 * that sees the same event twice (at-least-once delivery, a relay restarted after a crash) can
 * drop the repeat. Kafka messages are keyed by `subject` (the aggregate id), which keeps each
 * lead's, client's or activity's events in order.
 */
import { foldStored } from '../../shared/domain/decider';
import type { EventFilter, RecordedEvent } from '../../shared/event-store/event-store.port';
import {
  closed,
  CloudEvent,
  cloudEvent,
  cloudEventSchema,
  email,
  IntegrationEventDefinition,
  IntegrationEventModule,
  JsonSchema,
  noHistory,
  nonEmpty,
  nullableDate,
  nullableString,
  StreamHistory,
  uuid,
} from '../../shared/integration/integration-event';
import { clientDecider } from '../domain/client';
import { clientStream } from '../domain/client.events';
import type { ActivityKind, ActivityLogged, ActivitySubjectType, TaskCompleted } from '../domain/activity.events';
import type { ClientOwnerAssigned, ClientRegistered } from '../domain/client.events';
import { crmEvents } from '../domain/crm.events';
import type { LeadCaptured, LeadConverted, LeadDisqualified, LeadOwnerAssigned, LeadQualified } from '../domain/lead.events';

export type { CloudEvent, JsonSchema };

export const CRM_TOPIC = 'annals.crm';
export const CRM_SOURCE = '/annals/crm';

export interface LeadCapturedV1 {
  leadId: string;
  name: string;
  email: string;
  company: string | null;
  source: string | null;
}
export interface LeadQualifiedV1 {
  leadId: string;
}
export interface LeadDisqualifiedV1 {
  leadId: string;
  reason: string;
}
export interface LeadConvertedV1 {
  leadId: string;
  clientId: string;
}
export interface ClientRegisteredV1 {
  clientId: string;
  name: string;
  email: string;
  company: string | null;
  leadId: string | null;
}
/** `assignedBy`: the user (or API key, or `system:...` process) that made the assignment. */
export interface LeadAssignedV1 {
  leadId: string;
  ownerId: string;
  assignedBy: string;
}
export interface ClientAssignedV1 {
  clientId: string;
  ownerId: string;
  assignedBy: string;
}
export interface ActivityLoggedV1 {
  activityId: string;
  subjectType: ActivitySubjectType;
  subjectId: string;
  kind: ActivityKind;
  subject: string;
  /** Set for tasks that have a due date. */
  dueOn: string | null;
}
export interface TaskCompletedV1 {
  activityId: string;
  subjectType: ActivitySubjectType;
  subjectId: string;
  subject: string;
  completedAt: string;
}

export type CrmIntegrationEvent =
  | CloudEvent<'crm.lead.captured.v1', LeadCapturedV1>
  | CloudEvent<'crm.lead.qualified.v1', LeadQualifiedV1>
  | CloudEvent<'crm.lead.disqualified.v1', LeadDisqualifiedV1>
  | CloudEvent<'crm.lead.converted.v1', LeadConvertedV1>
  | CloudEvent<'crm.lead.assigned.v1', LeadAssignedV1>
  | CloudEvent<'crm.client.registered.v1', ClientRegisteredV1>
  | CloudEvent<'crm.client.assigned.v1', ClientAssignedV1>
  | CloudEvent<'crm.activity.logged.v1', ActivityLoggedV1>
  | CloudEvent<'crm.task.completed.v1', TaskCompletedV1>;

export type CrmIntegrationEventType = CrmIntegrationEvent['type'];

type StoredCrmEvent =
  LeadCaptured | LeadQualified | LeadDisqualified | LeadConverted | LeadOwnerAssigned | ClientRegistered | ClientOwnerAssigned | ActivityLogged | TaskCompleted;

/** Stored domain type -> public type. Stored names are fixed (see lead.events.ts), so this is too. */
export const crmIntegrationEventTypes = {
  LeadCaptured: 'crm.lead.captured.v1',
  LeadQualified: 'crm.lead.qualified.v1',
  LeadDisqualified: 'crm.lead.disqualified.v1',
  LeadConverted: 'crm.lead.converted.v1',
  LeadOwnerAssigned: 'crm.lead.assigned.v1',
  ClientRegistered: 'crm.client.registered.v1',
  ClientOwnerAssigned: 'crm.client.assigned.v1',
  ActivityLogged: 'crm.activity.logged.v1',
  TaskCompleted: 'crm.task.completed.v1',
} as const satisfies Record<StoredCrmEvent['type'], CrmIntegrationEventType>;

/**
 * Only the stored types that map to an integration event, for subscriptions that read the log.
 * Prefixes also match later stored versions (`LeadCaptured.v2`): `toIntegrationEvent` decides.
 */
export const crmIntegrationEventFilter: EventFilter = { eventTypePrefixes: Object.keys(crmIntegrationEventTypes) };

/** The stored events that publish one, decoded with CRM's registrations (older versions upcast first). */
const publishing = crmEvents.only('crm.integration', crmEvents.select(...(Object.keys(crmIntegrationEventTypes) as StoredCrmEvent['type'][])));

/** A client's name as the log knew it at `position`: what billing events show beside the client id. */
export const clientNameAt = (history: StreamHistory, clientId: string, position: bigint): string | null => {
  const client = foldStored(clientDecider, history.upTo(clientStream(clientId), position));
  return client.status === 'NONE' ? null : client.details.name;
};

/**
 * The public payload of each type. Deliberately narrower than the domain data: a lead's phone
 * number and an activity's notes stay inside annals (partners get what they need to identify and
 * follow a record, not every personal detail we hold), and metadata (correlation, causation) is
 * never published; `assignedBy` names who assigned an owner, because that is the fact itself.
 */
const publicData = (event: RecordedEvent & StoredCrmEvent, history: StreamHistory): { subject: string; data: CrmIntegrationEvent['data'] } => {
  switch (event.type) {
    case 'LeadCaptured': {
      const { leadId, name, email, company, source } = event.data;
      return { subject: leadId, data: { leadId, name, email, company, source } satisfies LeadCapturedV1 };
    }
    case 'LeadQualified':
      return { subject: event.data.leadId, data: { leadId: event.data.leadId } satisfies LeadQualifiedV1 };
    case 'LeadDisqualified':
      return { subject: event.data.leadId, data: { leadId: event.data.leadId, reason: event.data.reason } satisfies LeadDisqualifiedV1 };
    case 'LeadConverted':
      return { subject: event.data.leadId, data: { leadId: event.data.leadId, clientId: event.data.clientId } satisfies LeadConvertedV1 };
    case 'LeadOwnerAssigned': {
      const { leadId, ownerId } = event.data;
      return { subject: leadId, data: { leadId, ownerId, assignedBy: event.metadata.actorId } satisfies LeadAssignedV1 };
    }
    case 'ClientRegistered': {
      const { clientId, name, email, company, leadId } = event.data;
      return { subject: clientId, data: { clientId, name, email, company, leadId } satisfies ClientRegisteredV1 };
    }
    case 'ClientOwnerAssigned': {
      const { clientId, ownerId } = event.data;
      return { subject: clientId, data: { clientId, ownerId, assignedBy: event.metadata.actorId } satisfies ClientAssignedV1 };
    }
    case 'ActivityLogged': {
      const { activityId, subjectType, subjectId, kind, subject, dueOn } = event.data;
      return {
        subject: activityId,
        data: { activityId, subjectType, subjectId, kind, subject, dueOn } satisfies ActivityLoggedV1,
      };
    }
    case 'TaskCompleted': {
      const { activityId, subjectType, subjectId, completedAt } = event.data;
      const logged = history.before(event).find((e) => e.type === 'ActivityLogged') as (RecordedEvent & ActivityLogged) | undefined;
      if (!logged) throw new Error(`TaskCompleted ${event.id}: activity ${activityId} has no ActivityLogged before it`);
      return {
        subject: activityId,
        data: { activityId, subjectType, subjectId, subject: logged.data.subject, completedAt } satisfies TaskCompletedV1,
      };
    }
    default:
      return assertNever(event);
  }
};

const assertNever = (value: never): never => {
  throw new Error(`unmapped CRM event ${JSON.stringify(value)}`);
};

/** The integration event a stored CRM event publishes, or null for events that publish none. */
export const toIntegrationEvent = (stored: RecordedEvent, history: StreamHistory = noHistory): CrmIntegrationEvent | null => {
  if (!publishing.has(stored.type)) return null;
  const recorded = publishing.decode(stored);
  const { subject, data } = publicData(recorded, history);
  return cloudEvent(CRM_SOURCE, recorded, crmIntegrationEventTypes[recorded.type], subject, data) as CrmIntegrationEvent;
};

// ---------------------------------------------------------------------------------------------
// The catalogue entries: description, closed JSON Schema of `data` (draft 2020-12), an example.

const leadId = '0b6b7e3e-5a0c-4a4f-8f53-0d1f6f4b9c21';
const clientId = '5f1d4c2a-7b3e-4e8f-9a6b-2c1d0e9f8a7b';
const ownerId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const activityId = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f';
/** The values of the GraphQL enums ActivitySubjectType and ActivityKind: a partner sees the same in both APIs. */
const subjectType = { enum: ['LEAD', 'CLIENT'] } as const;

const definition = (type: CrmIntegrationEventType, description: string, schema: JsonSchema, example: Record<string, unknown>): IntegrationEventDefinition => ({
  type,
  context: 'crm',
  topic: CRM_TOPIC,
  description,
  schema,
  example,
});

export const crmIntegrationEventDefinitions: readonly IntegrationEventDefinition[] = [
  definition(
    'crm.lead.captured.v1',
    'A lead was captured (entered by staff or received from a form).',
    closed({
      leadId: uuid,
      name: nonEmpty,
      email,
      company: nullableString,
      source: { ...nullableString, description: 'Where the lead came from, e.g. "website".' },
    }),
    { leadId, name: 'Ada Lovelace', email: 'ada@example.com', company: 'Analytical Engines Ltd', source: 'website' },
  ),
  definition('crm.lead.qualified.v1', 'A lead was judged worth pursuing.', closed({ leadId: uuid }), { leadId }),
  definition('crm.lead.disqualified.v1', 'A lead was dropped, with the reason given.', closed({ leadId: uuid, reason: nonEmpty }), {
    leadId,
    reason: 'No budget this year',
  }),
  definition(
    'crm.lead.converted.v1',
    'A qualified lead became a client; crm.client.registered.v1 follows for clientId.',
    closed({ leadId: uuid, clientId: uuid }),
    { leadId, clientId },
  ),
  definition(
    'crm.lead.assigned.v1',
    'A lead was given an owner (a user of the tenant); assignedBy is who assigned it.',
    closed({ leadId: uuid, ownerId: nonEmpty, assignedBy: nonEmpty }),
    { leadId, ownerId, assignedBy: ownerId },
  ),
  definition(
    'crm.client.registered.v1',
    'A client was registered (leadId set when it came from a converted lead).',
    closed({ clientId: uuid, name: nonEmpty, email, company: nullableString, leadId: { type: ['string', 'null'], format: 'uuid' } }),
    { clientId, name: 'Ada Lovelace', email: 'ada@example.com', company: null, leadId },
  ),
  definition(
    'crm.client.assigned.v1',
    'A client was given an owner (a user of the tenant); assignedBy is who assigned it.',
    closed({ clientId: uuid, ownerId: nonEmpty, assignedBy: nonEmpty }),
    { clientId, ownerId, assignedBy: ownerId },
  ),
  definition(
    'crm.activity.logged.v1',
    'An activity (call, meeting, email, note or task) was logged on a lead or a client; dueOn is set for tasks with a due date.',
    closed({
      activityId: uuid,
      subjectType,
      subjectId: uuid,
      kind: { enum: ['CALL', 'MEETING', 'EMAIL', 'NOTE', 'TASK'] },
      subject: nonEmpty,
      dueOn: nullableDate,
    }),
    { activityId, subjectType: 'CLIENT', subjectId: clientId, kind: 'TASK', subject: 'Call about the renewal', dueOn: '2026-12-15' },
  ),
  definition(
    'crm.task.completed.v1',
    'A task (an activity of kind task) was completed.',
    closed({ activityId: uuid, subjectType, subjectId: uuid, subject: nonEmpty, completedAt: { type: 'string', format: 'date-time' } }),
    { activityId, subjectType: 'CLIENT', subjectId: clientId, subject: 'Call about the renewal', completedAt: '2026-12-14T16:30:00.000Z' },
  ),
];

/** One JSON Schema per type, envelope included (`$id` `urn:annals:schema:<type>`). */
export const crmIntegrationEventSchemas = Object.fromEntries(crmIntegrationEventDefinitions.map((d) => [d.type, cloudEventSchema(d, CRM_SOURCE)])) as Record<
  CrmIntegrationEventType,
  JsonSchema
>;

/** CRM's part of the integration catalogue (src/integration/integration-catalogue.ts). */
export const crmIntegrationEvents: IntegrationEventModule = {
  context: 'crm',
  source: CRM_SOURCE,
  topic: CRM_TOPIC,
  definitions: crmIntegrationEventDefinitions,
  storedTypes: Object.keys(crmIntegrationEventTypes),
  toIntegrationEvent,
};
