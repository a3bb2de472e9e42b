/**
 * The one composition point of the integration events: every context's module, in ONE list. The
 * catalogue (types, schemas, examples), the mapping from stored events, the store filter, the
 * Kafka topics and the AsyncAPI document all derive from it. A new context publishes by adding
 * its module (`src/<context>/public/<context>-integration-events.ts`) as one line below.
 */
import { crmIntegrationEvents } from '../crm/public/crm-integration-events';
import { ledgerIntegrationEvents } from '../ledger/public/ledger-integration-events';
import { billingIntegrationEvents } from '../orders/public/billing-integration-events';
import { catalogueIntegrationEvents } from '../orders/public/catalogue-integration-events';
import { ordersIntegrationEvents } from '../orders/public/orders-integration-events';
import type { EventFilter, RecordedEvent } from '../shared/event-store/event-store.port';
import { webhooksIntegrationEvents } from '../webhooks/public/webhooks-integration-events';
import {
  CloudEvent,
  cloudEventSchema,
  IntegrationEventDefinition,
  IntegrationEventModule,
  JsonSchema,
  noHistory,
  StreamHistory,
} from '../shared/integration/integration-event';

export type { CloudEvent, IntegrationEventDefinition, IntegrationEventModule, JsonSchema, StreamHistory };

/** Every context that publishes integration events: one line each. */
export const integrationEventModules: readonly IntegrationEventModule[] = [
  crmIntegrationEvents,
  ordersIntegrationEvents,
  billingIntegrationEvents,
  catalogueIntegrationEvents,
  ledgerIntegrationEvents,
  webhooksIntegrationEvents,
];

const TYPE_NAME = /^[a-z]+\.[a-z_]+\.[a-z_]+\.v[1-9][0-9]*$/;

const moduleOfStoredType = new Map<string, IntegrationEventModule>();
const definitions = new Map<string, IntegrationEventDefinition>();
for (const module of integrationEventModules) {
  for (const stored of module.storedTypes) {
    const other = moduleOfStoredType.get(stored);
    if (other) throw new Error(`integration catalogue: stored type ${stored} is read by both ${other.context} and ${module.context}`);
    moduleOfStoredType.set(stored, module);
  }
  for (const definition of module.definitions) {
    if (!TYPE_NAME.test(definition.type) || !definition.type.startsWith(`${module.context}.`))
      throw new Error(`integration catalogue: ${definition.type} is not named <context>.<entity>.<fact>.v<n> in context ${module.context}`);
    if (definitions.has(definition.type)) throw new Error(`integration catalogue: ${definition.type} is defined twice`);
    if (definition.context !== module.context || definition.topic !== module.topic)
      throw new Error(`integration catalogue: ${definition.type} names another context or topic than its module`);
    definitions.set(definition.type, definition);
  }
}

/** Every published type, with its description, closed schema of `data` and an example. */
export const integrationCatalogue: readonly IntegrationEventDefinition[] = [...definitions.values()];

/** Every published type name. */
export const integrationEventTypes: readonly string[] = [...definitions.keys()];

/** The Kafka topics, one per context (`annals.<context>`). */
export const integrationTopics: readonly string[] = [...new Set(integrationEventModules.map((module) => module.topic))];

/** What the store reads for integration events: the stored types any module maps (prefixes: later versions pass too). */
export const integrationEventFilter: EventFilter = { eventTypePrefixes: [...moduleOfStoredType.keys()] };

/** The definition of a published type, or undefined. */
export const integrationEventDefinition = (type: string): IntegrationEventDefinition | undefined => definitions.get(type);

/** The whole CloudEvent's JSON Schema (envelope included, `$id` `urn:annals:schema:<type>`) of every type. */
export const integrationEventSchemas: Readonly<Record<string, JsonSchema>> = Object.fromEntries(
  integrationEventModules.flatMap((module) => module.definitions.map((d) => [d.type, cloudEventSchema(d, module.source)])),
);

/** The topic that carries a published type. */
export const topicOf = (type: string): string => {
  const definition = definitions.get(type);
  if (!definition) throw new Error(`no integration event type ${type} in the catalogue`);
  return definition.topic;
};

/**
 * The integration event a stored event publishes, or null. Events whose payload folds their
 * record's history read it from `history` (src/integration/integration-translator.ts loads it from
 * the store; `historyOf(events)` holds it in memory).
 */
export const toIntegrationEvent = (recorded: RecordedEvent, history: StreamHistory = noHistory): CloudEvent | null =>
  moduleOfStoredType.get(recorded.type)?.toIntegrationEvent(recorded, history) ?? null;
