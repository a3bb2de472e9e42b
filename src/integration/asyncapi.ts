/**
 * The AsyncAPI 3.0 document of the integration events, generated from the catalogue (never written
 * by hand): one channel per Kafka topic, one message per type with the whole CloudEvent as its
 * payload (the catalogue's closed JSON Schema) and the catalogue's example. Served at
 * GET /asyncapi.json and kept in docs/asyncapi.json (`npm run asyncapi` regenerates it; a test
 * fails when the committed file differs).
 */
import { integrationCatalogue, integrationEventModules, integrationEventSchemas, JsonSchema } from './integration-catalogue';

const CLOUDEVENTS_JSON = 'application/cloudevents+json';

/** `crm.lead.captured.v1` -> `crmLeadCapturedV1`: AsyncAPI ids, stable as the type names are. */
const idOf = (type: string) => type.replace(/[._]([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A draft 2020-12 schema as an AsyncAPI Schema Object (a JSON Schema draft-07 superset): the same rules without `$schema`. */
const asAsyncApiSchema = (schema: JsonSchema): JsonSchema => {
  const { $schema: _schema, ...rest } = schema;
  return rest;
};

export const asyncApiDocument = (version = '1.0.0'): Record<string, unknown> => {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const module of integrationEventModules) {
    const definitions = integrationCatalogue.filter((d) => d.context === module.context);
    const channelId = module.context;
    channels[channelId] = {
      address: module.topic,
      title: `${module.context} events`,
      description: `Every integration event of the ${module.context} context (source ${module.source}), keyed by subject (the record's id): in order per subject.`,
      messages: Object.fromEntries(definitions.map((d) => [idOf(d.type), { $ref: `#/components/messages/${idOf(d.type)}` }])),
    };
    operations[`receive${channelId[0].toUpperCase()}${channelId.slice(1)}Events`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${channelId}` },
      summary: `Receive the ${module.context} events`,
      messages: definitions.map((d) => ({ $ref: `#/channels/${channelId}/messages/${idOf(d.type)}` })),
    };
    for (const d of definitions) {
      messages[idOf(d.type)] = {
        name: d.type,
        title: d.type,
        summary: d.description,
        contentType: CLOUDEVENTS_JSON,
        headers: {
          type: 'object',
          properties: {
            'content-type': { type: 'string', const: CLOUDEVENTS_JSON },
            'annals-position': { type: 'string', pattern: '^[0-9]+$', description: 'The position in the log of the event the message came from.' },
          },
        },
        payload: asAsyncApiSchema(integrationEventSchemas[d.type]),
        correlationId: { description: 'The CloudEvent id: stable across redeliveries; dedupe on it.', location: '$message.payload#/id' },
        bindings: {
          kafka: { key: { type: 'string', format: 'uuid', description: 'The subject: the id of the record the event is about.' }, bindingVersion: '0.5.0' },
        },
        examples: [
          {
            name: 'example',
            payload: {
              specversion: '1.0',
              id: '8f0c7d4e-2a41-4d8e-9a51-6f7f7a0e3b10',
              source: module.source,
              type: d.type,
              subject: subjectOf(d.example),
              time: '2026-12-01T10:00:00.123Z',
              datacontenttype: 'application/json',
              tenantid: 'acme',
              data: d.example,
            },
          },
        ],
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    id: 'urn:annals:integration-events',
    info: {
      title: 'annals integration events',
      version,
      description:
        'The business facts annals publishes, as CloudEvents 1.0 (structured JSON). Delivery is at least once: dedupe on `id`. ' +
        'Events about one record (`subject`) arrive in the order they happened; there is no order across records. ' +
        'Every event carries `tenantid`. See docs/integration-events.md.',
    },
    defaultContentType: CLOUDEVENTS_JSON,
    servers: {
      kafka: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description: 'The brokers of KAFKA_BROKERS (one topic per context, keyed by subject).',
      },
    },
    channels,
    operations,
    components: { messages },
  };
};

/** The example's record id: the first id field of its data (`leadId`, `invoiceId`, ...). */
const subjectOf = (example: Record<string, unknown>): string => {
  const id = Object.entries(example).find(([key, value]) => key.endsWith('Id') && typeof value === 'string');
  return (id?.[1] as string) ?? '00000000-0000-4000-8000-000000000000';
};

/** The document as the committed docs/asyncapi.json holds it. */
export const asyncApiJson = (): string => `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
