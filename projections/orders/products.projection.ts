import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { productEvents } from '../../src/orders/domain/orders.events';
import { ProductEvent } from '../../src/orders/domain/product.events';

export interface ProductRow {
  id: string;
  tenant_id: string;
  sku: string;
  name: string;
  currency: string;
  unit_price: number | string;
  tax_rate: string;
  active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

export const applyProductEvent = (row: ProductRow | null, event: Recorded<ProductEvent>): ProductRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  if (event.type === 'ProductCreated') {
    const { productId, sku, name, currency, unitPrice, taxRate } = event.data;
    return {
      id: productId,
      tenant_id: event.metadata.tenantId,
      sku,
      name,
      currency,
      unit_price: unitPrice,
      tax_rate: taxRate,
      active: true,
      created_at: event.recordedAt,
      ...touched,
    };
  }
  if (!row) return null;
  switch (event.type) {
    case 'ProductPriceChanged':
      return { ...row, unit_price: event.data.unitPrice, ...touched };
    case 'ProductDeactivated':
      return { ...row, active: false, ...touched };
  }
};

export const productsProjection = rowProjection({
  name: 'orders.products',
  table: 'orders_products',
  handles: productEvents.types,
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    sku: 'text',
    name: 'text',
    currency: 'text',
    unit_price: 'bigint',
    tax_rate: 'text',
    active: 'boolean',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  events: productEvents,
  key: (event) => event.data.productId,
  apply: applyProductEvent,
});
