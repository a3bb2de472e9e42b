/** Catalogue events as stored (see crm/domain/lead.events.ts on naming). `unitPrice` is in minor units. */
export type ProductCreated = {
  type: 'ProductCreated';
  data: { productId: string; sku: string; name: string; currency: string; unitPrice: number; taxRate: string };
};
export type ProductPriceChanged = { type: 'ProductPriceChanged'; data: { productId: string; unitPrice: number; previousUnitPrice: number } };
export type ProductDeactivated = { type: 'ProductDeactivated'; data: { productId: string } };

export type ProductEvent = ProductCreated | ProductPriceChanged | ProductDeactivated;

/** Claims a SKU for one product of one tenant: appended only to a stream that does not exist yet. */
export type SkuReserved = { type: 'SkuReserved'; data: { sku: string; productId: string } };

export const productStream = (productId: string) => `product-${productId}`;
/** One stream per tenant and SKU (case-insensitive): whoever creates it first owns the SKU. */
export const skuReservationStream = (tenantId: string, sku: string) =>
  `productsku-${encodeURIComponent(tenantId)}-${encodeURIComponent(sku.trim().toLowerCase())}`;
