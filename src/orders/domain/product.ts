import { assertNever, recordDecider } from '../../shared/domain/decider';
import { existing } from '../../shared/domain/guards';
import { toMinor } from '../../shared/domain/money';
import { normaliseTaxRate } from './lines';
import { OrdersError, OrdersErrorCode } from './orders.error';
import { ProductEvent } from './product.events';
import { productEvents } from './orders.events';

export type CreateProduct = { type: 'CreateProduct'; productId: string; sku: string; name: string; unitPrice: string; taxRate: string; currency: string };
export type ChangeProductPrice = { type: 'ChangeProductPrice'; productId: string; unitPrice: string };
export type DeactivateProduct = { type: 'DeactivateProduct'; productId: string };
export type ProductCommand = CreateProduct | ChangeProductPrice | DeactivateProduct;

export type Product =
  { status: 'NONE' } | { status: 'ACTIVE' | 'INACTIVE'; id: string; sku: string; name: string; currency: string; unitPrice: number; taxRate: string };

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/;

export const decide = (command: ProductCommand, state: Product): ProductEvent[] => {
  switch (command.type) {
    case 'CreateProduct': {
      if (state.status !== 'NONE') throw new OrdersError(OrdersErrorCode.ProductAlreadyExists, `Product ${command.productId} already exists`);
      const sku = command.sku.trim();
      if (!SKU_PATTERN.test(sku))
        throw new OrdersError(OrdersErrorCode.SkuRequired, `"${command.sku}" is not a SKU: use 1 to 64 letters, digits, ".", "_", "-" or "/"`);
      const name = OrdersError.requiredText(command.name, OrdersErrorCode.NameRequired, 'A product needs a name');
      const unitPrice = toMinor(command.unitPrice, command.currency, 'unitPrice');
      const taxRate = normaliseTaxRate(command.taxRate);
      return [{ type: 'ProductCreated', data: { productId: command.productId, sku, name, currency: command.currency, unitPrice, taxRate } }];
    }
    case 'ChangeProductPrice': {
      const product = existing(state, 'product', command.productId);
      if (product.status === 'INACTIVE')
        throw new OrdersError(OrdersErrorCode.ProductInactive, `Product ${product.sku} is deactivated; its price can no longer change`);
      const unitPrice = toMinor(command.unitPrice, product.currency, 'unitPrice');
      if (unitPrice === product.unitPrice) return [];
      return [{ type: 'ProductPriceChanged', data: { productId: product.id, unitPrice, previousUnitPrice: product.unitPrice } }];
    }
    case 'DeactivateProduct': {
      const product = existing(state, 'product', command.productId);
      if (product.status === 'INACTIVE') throw new OrdersError(OrdersErrorCode.ProductInactive, `Product ${product.sku} is already deactivated`);
      return [{ type: 'ProductDeactivated', data: { productId: product.id } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (state: Product, event: ProductEvent): Product => {
  if (event.type === 'ProductCreated') {
    const { productId, sku, name, currency, unitPrice, taxRate } = event.data;
    return { status: 'ACTIVE', id: productId, sku, name, currency, unitPrice, taxRate };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'ProductPriceChanged':
      return { ...state, unitPrice: event.data.unitPrice };
    case 'ProductDeactivated':
      return { ...state, status: 'INACTIVE' };
    default:
      return assertNever(event);
  }
};

export const productDecider = recordDecider<Product, ProductCommand, ProductEvent>({ events: productEvents, decide, evolve });
