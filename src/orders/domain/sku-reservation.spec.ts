import { deciderSpec } from '../../shared/domain/decider-spec';
import { SkuReserved } from './product.events';
import { skuReservationDecider } from './sku-reservation';

const given = deciderSpec(skuReservationDecider);
const productId = '7a1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11';
const other = '7a1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c99';
const reserved: SkuReserved = { type: 'SkuReserved', data: { sku: 'WID-1', productId } };

describe('SKU reservation', () => {
  it('reserves a free SKU for a product', () => given([]).when({ type: 'ReserveSku', sku: ' WID-1 ', productId }).then([reserved]));
  it('refuses a SKU another product holds', () =>
    given([reserved]).when({ type: 'ReserveSku', sku: 'wid-1', productId: other }).thenThrows('SKU_ALREADY_USED'));
  it('lets the same product reserve it again (a retried create): nothing new', () =>
    given([reserved]).when({ type: 'ReserveSku', sku: 'WID-1', productId }).then([]));
});
