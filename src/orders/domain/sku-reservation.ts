import { Decider, assertNever } from '../../shared/domain/decider';
import { OrdersError, OrdersErrorCode } from './orders.error';
import { SkuReserved } from './product.events';
import { skuReservationEvents } from './orders.events';

/**
 * A SKU's reservation stream (one per tenant and SKU): the first product to reserve it owns it.
 * Appended with expected `no_stream`, so of two concurrent creates only one wins; the loser
 * re-decides against the winner's reservation and is refused. Reserving again for the same
 * product (a retried create) decides nothing.
 */
export type ReserveSku = { type: 'ReserveSku'; sku: string; productId: string };
export type SkuReservation = { productId: string | null };

export const skuReservationDecider: Decider<SkuReservation, ReserveSku, SkuReserved> = {
  events: skuReservationEvents,
  initialState: () => ({ productId: null }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'SkuReserved':
        return state.productId ? state : { productId: event.data.productId };
      default:
        return assertNever(event.type);
    }
  },
  decide: (command, state) => {
    if (state.productId === command.productId) return [];
    if (state.productId)
      throw new OrdersError(OrdersErrorCode.SkuAlreadyUsed, `SKU ${command.sku.trim()} is already used by another product; choose another SKU`, {
        sku: command.sku.trim(),
      });
    return [{ type: 'SkuReserved', data: { sku: command.sku.trim(), productId: command.productId } }];
  },
};
