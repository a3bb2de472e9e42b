import { CommandContext } from '../../shared/command/command-context';
import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
import { SELLERS } from '../../shared/command/command-roles';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { CreateProduct, productDecider } from '../domain/product';
import { productStream, skuReservationStream } from '../domain/product.events';
import { skuReservationDecider } from '../domain/sku-reservation';
import { OrdersQueries } from './orders.queries';
import { PRODUCTS, tenantCurrency } from './orders.commands';

/** Claims the SKU for the product in its per-tenant reservation stream (see sku-reservation.ts). */
export const reserveSku = (runner: EventSourcedRunner, tenantId: string, sku: string, productId: string, context: CommandContext) =>
  runner.run(skuReservationDecider, skuReservationStream(tenantId, sku), { type: 'ReserveSku', sku, productId }, context);

export type CreateProductRequest = Omit<CreateProduct, 'type' | 'productId' | 'currency'>;

export const productCommands = commandsFor(
  productDecider,
  { entity: 'product', roles: SELLERS, stream: productStream, answer: answerWithRow(OrdersQueries, 'product', PRODUCTS) },
  ({ command }) => ({
    createProduct: command({
      creates: 'product',
      command: async (input: CreateProductRequest, productId: string, env) => ({
        type: 'CreateProduct',
        productId,
        currency: await tenantCurrency(env),
        ...input,
      }),
      before: async (create, env) => {
        // Check the input before claiming the SKU, so a refused create leaves the SKU free.
        productDecider.decide(create, productDecider.initialState());
        await reserveSku(env.runner, env.tenantId, create.sku, create.productId, env.context);
      },
    }),
    changeProductPrice: command({
      id: 'productId',
      command: (input: { productId: string; unitPrice: string }) => ({ type: 'ChangeProductPrice', ...input }),
      probe: (product) => ({ productId: product.id, unitPrice: String(product.unitPrice ?? '1') }),
    }),
    deactivateProduct: command({
      id: 'productId',
      command: (input: { productId: string }) => ({ type: 'DeactivateProduct', ...input }),
      probe: (product) => ({ productId: product.id }),
    }),
  }),
);
