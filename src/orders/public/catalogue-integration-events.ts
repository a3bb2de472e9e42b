/**
 * The integration events of the product catalogue (context `catalogue`, topic `annals.catalogue`):
 * a public contract like CRM's (see docs/integration-events.md). Prices are decimal strings in the
 * product's currency; each event names the product (sku and name) as the log knew it.
 */
import { formatMinor } from '../../shared/domain/money';
import type { RecordedEvent } from '../../shared/event-store/event-store.port';
import {
  closed,
  CloudEvent,
  cloudEvent,
  currencyCode,
  decimal,
  IntegrationEventDefinition,
  IntegrationEventModule,
  JsonSchema,
  noHistory,
  nonEmpty,
  recordBefore,
  StreamHistory,
  uuid,
} from '../../shared/integration/integration-event';
import { productDecider } from '../domain/product';
import type { ProductEvent } from '../domain/product.events';
import { productEvents } from '../domain/orders.events';

export const CATALOGUE_TOPIC = 'annals.catalogue';
export const CATALOGUE_SOURCE = '/annals/catalogue';

export const catalogueIntegrationEventTypes = {
  ProductCreated: 'catalogue.product.created.v1',
  ProductPriceChanged: 'catalogue.product.price_changed.v1',
  ProductDeactivated: 'catalogue.product.deactivated.v1',
} as const satisfies Record<ProductEvent['type'], string>;

export type CatalogueIntegrationEventType = (typeof catalogueIntegrationEventTypes)[keyof typeof catalogueIntegrationEventTypes];

const productData = (event: RecordedEvent & ProductEvent, history: StreamHistory): Record<string, unknown> => {
  if (event.type === 'ProductCreated') {
    const { productId, sku, name, currency, unitPrice, taxRate } = event.data;
    return { productId, sku, name, currency, unitPrice: formatMinor(unitPrice, currency), taxRate };
  }
  const product = recordBefore(productDecider, history, event);
  const named = { productId: product.id, sku: product.sku, name: product.name };
  if (event.type === 'ProductDeactivated') return named;
  const { unitPrice, previousUnitPrice } = event.data;
  return {
    ...named,
    currency: product.currency,
    unitPrice: formatMinor(unitPrice, product.currency),
    previousUnitPrice: formatMinor(previousUnitPrice, product.currency),
  };
};

/** The integration event a stored product event publishes, or null. */
export const toCatalogueIntegrationEvent = (stored: RecordedEvent, history: StreamHistory = noHistory): CloudEvent | null => {
  if (!productEvents.has(stored.type)) return null;
  const event = productEvents.decode(stored);
  return cloudEvent(CATALOGUE_SOURCE, event, catalogueIntegrationEventTypes[event.type], event.data.productId, productData(event, history));
};

const sku = { ...nonEmpty, description: "The product's SKU, unique per tenant (case-insensitive)." };
const taxRate = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$', description: 'Percent, e.g. "20".' };
const product = { productId: '7c6b5a49-3827-4165-9e8d-7c6b5a493827', sku: 'CONSULT-DAY', name: 'Consulting day' };

const definition = (
  type: CatalogueIntegrationEventType,
  description: string,
  schema: JsonSchema,
  example: Record<string, unknown>,
): IntegrationEventDefinition => ({
  type,
  context: 'catalogue',
  topic: CATALOGUE_TOPIC,
  description,
  schema,
  example,
});

export const catalogueIntegrationEventDefinitions: readonly IntegrationEventDefinition[] = [
  definition(
    'catalogue.product.created.v1',
    'A product was added to the catalogue.',
    closed({ productId: uuid, sku, name: nonEmpty, currency: currencyCode, unitPrice: decimal, taxRate }),
    { ...product, currency: 'USD', unitPrice: '500.00', taxRate: '20' },
  ),
  definition(
    'catalogue.product.price_changed.v1',
    "A product's unit price changed; quotes already drafted keep their prices.",
    closed({ productId: uuid, sku, name: nonEmpty, currency: currencyCode, unitPrice: decimal, previousUnitPrice: decimal }),
    { ...product, currency: 'USD', unitPrice: '550.00', previousUnitPrice: '500.00' },
  ),
  definition(
    'catalogue.product.deactivated.v1',
    'A product was withdrawn: new quotes cannot use it.',
    closed({ productId: uuid, sku, name: nonEmpty }),
    product,
  ),
];

/** The catalogue context's part of the integration catalogue (src/integration/integration-catalogue.ts). */
export const catalogueIntegrationEvents: IntegrationEventModule = {
  context: 'catalogue',
  source: CATALOGUE_SOURCE,
  topic: CATALOGUE_TOPIC,
  definitions: catalogueIntegrationEventDefinitions,
  storedTypes: Object.keys(catalogueIntegrationEventTypes),
  toIntegrationEvent: toCatalogueIntegrationEvent,
};
