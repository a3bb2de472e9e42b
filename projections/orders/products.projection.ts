import { RecordedEvent } from '../../src/shared/event-store/event-store.port';
import { rowProjection } from '../../src/shared/projection/projection';
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

export const applyProductEvent = (row: ProductRow | null, recorded: RecordedEvent): ProductRow | null => {
  const event = recorded as unknown as RecordedEvent & ProductEvent;
  const touched = { updated_at: recorded.recordedAt, revision: recorded.revision.toString() };
  if (event.type === 'ProductCreated') {
    const { productId, sku, name, currency, unitPrice, taxRate } = event.data;
    return {
      id: productId,
      tenant_id: recorded.metadata.tenantId,
      sku,
      name,
      currency,
      unit_price: unitPrice,
      tax_rate: taxRate,
      active: true,
      created_at: recorded.recordedAt,
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

export const productsProjection = rowProjection<ProductRow>({
  name: 'orders.products',
  table: 'orders_products',
  handles: ['ProductCreated', 'ProductPriceChanged', 'ProductDeactivated'],
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
  key: (event) => (event.data as { productId?: string }).productId ?? null,
  apply: applyProductEvent,
});
