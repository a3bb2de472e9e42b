import { deciderSpec, itRefuses } from '../../shared/domain/decider-spec';
import { CreateProduct, productDecider } from './product';
import { ProductCreated, ProductDeactivated, ProductPriceChanged } from './product.events';

const given = deciderSpec(productDecider);
const productId = '7a1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11';
const create: CreateProduct = { type: 'CreateProduct', productId, sku: ' WID-1 ', name: ' Widget ', unitPrice: '12.5', taxRate: '20.00', currency: 'USD' };
const created: ProductCreated = {
  type: 'ProductCreated',
  data: { productId, sku: 'WID-1', name: 'Widget', currency: 'USD', unitPrice: 1250, taxRate: '20' },
};
const deactivated: ProductDeactivated = { type: 'ProductDeactivated', data: { productId } };

describe('Product', () => {
  describe('createProduct', () => {
    it('creates a product with its price in minor units and a normalised tax rate', () => given([]).when(create).then([created]));
    itRefuses(given([]).when, create, [
      ['refuses a blank SKU', { sku: ' ' }, 'SKU_REQUIRED'],
      ['refuses a SKU with spaces inside', { sku: 'WID 1' }, 'SKU_REQUIRED'],
      ['refuses a blank name', { name: '' }, 'NAME_REQUIRED'],
      ['refuses a negative price', { unitPrice: '-1' }, 'BAD_USER_INPUT'],
      ['refuses a price with more decimals than the currency has', { unitPrice: '1.005' }, 'BAD_USER_INPUT'],
      ['refuses a tax rate over 100 percent', { taxRate: '120' }, 'BAD_USER_INPUT'],
    ]);
    it('refuses to create the same product twice', () => given([created]).when(create).thenThrows('PRODUCT_ALREADY_EXISTS'));
  });

  describe('changeProductPrice', () => {
    it('changes the price, remembering the previous one', () =>
      given([created])
        .when({ type: 'ChangeProductPrice', productId, unitPrice: '14.00' })
        .then([{ type: 'ProductPriceChanged', data: { productId, unitPrice: 1400, previousUnitPrice: 1250 } } satisfies ProductPriceChanged]));
    it('records nothing when the price is the same', () => given([created]).when({ type: 'ChangeProductPrice', productId, unitPrice: '12.50' }).then([]));
    it('refuses a deactivated product', () =>
      given([created, deactivated]).when({ type: 'ChangeProductPrice', productId, unitPrice: '1' }).thenThrows('PRODUCT_INACTIVE'));
    it('refuses a product that does not exist', () => given([]).when({ type: 'ChangeProductPrice', productId, unitPrice: '1' }).thenThrows('NOT_FOUND'));
  });

  describe('deactivateProduct', () => {
    it('deactivates an active product', () => given([created]).when({ type: 'DeactivateProduct', productId }).then([deactivated]));
    it('refuses an already deactivated product', () =>
      given([created, deactivated]).when({ type: 'DeactivateProduct', productId }).thenThrows('PRODUCT_INACTIVE'));
  });
});
