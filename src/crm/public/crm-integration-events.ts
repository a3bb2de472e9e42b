/**
 * The integration events CRM publishes: a public contract, separate from the domain events.
 * Domain events may be renamed, split or reshaped; these change only by adding a new versioned
 * type (`crm.lead.captured.v2`) next to the old one. Documented in docs/integration-events.md.
 *
 * Envelope: CloudEvents 1.0, structured JSON mode. `id` is the domain event's id, so a consumer
 * that sees the same event twice (at-least-once delivery, a relay restarted after a crash) can
 * drop the repeat. Kafka messages are keyed by `subject` (the aggregate id), which keeps each
 * lead's or client's events in order.
 */
import type { EventFilter, RecordedEvent } from '../../shared/event-store/event-store.port';
import type { ClientRegistered } from '../domain/client.events';
import { crmEvents } from '../domain/crm.events';
import type { LeadCaptured, LeadConverted, LeadDisqualified, LeadQualified } from '../domain/lead.events';

/** A CloudEvents 1.0 event in structured JSON mode, with annals' `tenantid` extension. */
export interface CloudEvent<Type extends string = string, Data = unknown> {
  specversion: '1.0';
  /** Unique per event; consumers dedupe on it (with `source`). */
  id: string;
  source: string;
  type: Type;
  /** The aggregate the event is about: the Kafka message key. */
  subject: string;
  /** When the event store recorded the event (RFC 3339). */
  time: string;
  datacontenttype: 'application/json';
  /** The tenant the event belongs to; consumers must never mix tenants. */
  tenantid: string;
  data: Data;
}

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

export type CrmIntegrationEvent =
  | CloudEvent<'crm.lead.captured.v1', LeadCapturedV1>
  | CloudEvent<'crm.lead.qualified.v1', LeadQualifiedV1>
  | CloudEvent<'crm.lead.disqualified.v1', LeadDisqualifiedV1>
  | CloudEvent<'crm.lead.converted.v1', LeadConvertedV1>
  | CloudEvent<'crm.client.registered.v1', ClientRegisteredV1>;

export type CrmIntegrationEventType = CrmIntegrationEvent['type'];

type StoredCrmEvent = LeadCaptured | LeadQualified | LeadDisqualified | LeadConverted | ClientRegistered;

/** Stored domain type -> public type. Stored names are fixed (see lead.events.ts), so this is too. */
export const crmIntegrationEventTypes = {
  LeadCaptured: 'crm.lead.captured.v1',
  LeadQualified: 'crm.lead.qualified.v1',
  LeadDisqualified: 'crm.lead.disqualified.v1',
  LeadConverted: 'crm.lead.converted.v1',
  ClientRegistered: 'crm.client.registered.v1',
} as const satisfies Record<StoredCrmEvent['type'], CrmIntegrationEventType>;

/**
 * Only the stored types that map to an integration event, for subscriptions that read the log.
 * Prefixes also match later stored versions (`LeadCaptured.v2`): `toIntegrationEvent` decides.
 */
export const crmIntegrationEventFilter: EventFilter = { eventTypePrefixes: Object.keys(crmIntegrationEventTypes) };

/**
 * The public payload of each type. Deliberately narrower than the domain data: a lead's phone
 * number stays inside annals (partners get what they need to identify and follow a lead, not
 * every personal detail we hold), and metadata (actor, correlation) is never published.
 */
const publicData = (event: StoredCrmEvent) => {
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
    case 'ClientRegistered': {
      const { clientId, name, email, company, leadId } = event.data;
      return { subject: clientId, data: { clientId, name, email, company, leadId } satisfies ClientRegisteredV1 };
    }
    default:
      return assertNever(event);
  }
};

const assertNever = (value: never): never => {
  throw new Error(`unmapped CRM event ${JSON.stringify(value)}`);
};

/** The stored events that publish one, decoded with CRM's registrations (older versions upcast first). */
const publishing = crmEvents.only(
  'crm.integration',
  crmEvents.select('LeadCaptured', 'LeadQualified', 'LeadDisqualified', 'LeadConverted', 'ClientRegistered'),
);

/** The integration event a stored CRM event publishes, or null for events that publish none. */
export const toIntegrationEvent = (stored: RecordedEvent): CrmIntegrationEvent | null => {
  if (!publishing.has(stored.type)) return null;
  const recorded = publishing.decode(stored);
  const { subject, data } = publicData(recorded);
  return {
    specversion: '1.0',
    id: recorded.id,
    source: CRM_SOURCE,
    type: crmIntegrationEventTypes[recorded.type],
    subject,
    time: recorded.recordedAt.toISOString(),
    datacontenttype: 'application/json',
    tenantid: recorded.metadata.tenantId,
    data,
  } as CrmIntegrationEvent;
};

// ---------------------------------------------------------------------------------------------
// JSON Schemas (draft 2020-12): the documented contract, one per type, envelope included.

export type JsonSchema = Record<string, unknown>;

const uuid = { type: 'string', format: 'uuid' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const nullableString = { type: ['string', 'null'] } as const;
const email = { type: 'string', format: 'email' } as const;

const envelope = (type: CrmIntegrationEventType, description: string, data: JsonSchema): JsonSchema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `urn:annals:schema:${type}`,
  title: type,
  description,
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'tenantid', 'data'],
  additionalProperties: false,
  properties: {
    specversion: { const: '1.0' },
    id: { ...uuid, description: 'The domain event id: the same event always carries the same id. Dedupe on it.' },
    source: { const: CRM_SOURCE },
    type: { const: type },
    subject: { ...uuid, description: 'The aggregate (lead or client) id; also the Kafka message key.' },
    time: { type: 'string', format: 'date-time', description: 'When annals recorded the event.' },
    datacontenttype: { const: 'application/json' },
    tenantid: { ...nonEmpty, description: 'The tenant the event belongs to.' },
    data: { type: 'object', additionalProperties: false, ...data },
  },
});

export const crmIntegrationEventSchemas: Record<CrmIntegrationEventType, JsonSchema> = {
  'crm.lead.captured.v1': envelope('crm.lead.captured.v1', 'A lead was captured (entered by staff or received from a form).', {
    required: ['leadId', 'name', 'email', 'company', 'source'],
    properties: {
      leadId: uuid,
      name: nonEmpty,
      email,
      company: nullableString,
      source: { ...nullableString, description: 'Where the lead came from, e.g. "website".' },
    },
  }),
  'crm.lead.qualified.v1': envelope('crm.lead.qualified.v1', 'A lead was judged worth pursuing.', {
    required: ['leadId'],
    properties: { leadId: uuid },
  }),
  'crm.lead.disqualified.v1': envelope('crm.lead.disqualified.v1', 'A lead was dropped, with the reason given.', {
    required: ['leadId', 'reason'],
    properties: { leadId: uuid, reason: nonEmpty },
  }),
  'crm.lead.converted.v1': envelope('crm.lead.converted.v1', 'A qualified lead became a client; crm.client.registered.v1 follows for clientId.', {
    required: ['leadId', 'clientId'],
    properties: { leadId: uuid, clientId: uuid },
  }),
  'crm.client.registered.v1': envelope('crm.client.registered.v1', 'A client was registered (leadId set when it came from a converted lead).', {
    required: ['clientId', 'name', 'email', 'company', 'leadId'],
    properties: { clientId: uuid, name: nonEmpty, email, company: nullableString, leadId: { type: ['string', 'null'], format: 'uuid' } },
  }),
};
