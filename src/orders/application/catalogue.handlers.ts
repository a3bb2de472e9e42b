import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { deterministicId, newId } from '../../shared/domain/ids';
import { Product } from '../api/orders.types';
import { CreateProduct, productDecider } from '../domain/product';
import { productStream, skuReservationStream } from '../domain/product.events';
import { skuReservationDecider } from '../domain/sku-reservation';
import { ChangeProductPriceCommand, CreateProductCommand, DeactivateProductCommand } from './orders.commands';
import { OrdersCommandPipeline, PRODUCTS } from './orders-command.pipeline';
import { OrdersQueries } from './orders.queries';

/** Claims the SKU for the product in its per-tenant reservation stream (see sku-reservation.ts). */
export const reserveSku = (runner: EventSourcedRunner, tenantId: string, sku: string, productId: string, context: CommandContext) =>
  runner.run(skuReservationDecider, skuReservationStream(tenantId, sku), { type: 'ReserveSku', sku, productId }, context);

@CommandHandler(CreateProductCommand)
export class CreateProductHandler implements ICommandHandler<CreateProductCommand, Product> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  async execute({ input, caller }: CreateProductCommand) {
    const productId = caller.idempotencyKey ? deterministicId(caller.tenantId, caller.idempotencyKey, 'product') : newId();
    const currency = await this.pipeline.currency(caller.tenantId);
    const command: CreateProduct = { type: 'CreateProduct', productId, currency, ...input };
    return this.pipeline.handle(
      caller,
      'createProduct',
      input,
      async (context) => {
        // Check the input before claiming the SKU, so a refused create leaves the SKU free.
        productDecider.decide(command, productDecider.initialState());
        await reserveSku(this.runner, caller.tenantId, input.sku, productId, context);
        return (await this.runner.run(productDecider, productStream(productId), command, context)).position;
      },
      PRODUCTS,
      () => this.queries.product(caller.tenantId, productId),
      'product',
      productId,
    );
  }
}

@CommandHandler(ChangeProductPriceCommand)
export class ChangeProductPriceHandler implements ICommandHandler<ChangeProductPriceCommand, Product> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ productId, unitPrice, caller }: ChangeProductPriceCommand) {
    return this.pipeline.handle(
      caller,
      'changeProductPrice',
      { productId, unitPrice },
      async (context) => (await this.runner.run(productDecider, productStream(productId), { type: 'ChangeProductPrice', productId, unitPrice }, context)).position,
      PRODUCTS,
      () => this.queries.product(caller.tenantId, productId),
      'product',
      productId,
    );
  }
}

@CommandHandler(DeactivateProductCommand)
export class DeactivateProductHandler implements ICommandHandler<DeactivateProductCommand, Product> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ productId, caller }: DeactivateProductCommand) {
    return this.pipeline.handle(
      caller,
      'deactivateProduct',
      { productId },
      async (context) => (await this.runner.run(productDecider, productStream(productId), { type: 'DeactivateProduct', productId }, context)).position,
      PRODUCTS,
      () => this.queries.product(caller.tenantId, productId),
      'product',
      productId,
    );
  }
}

export const catalogueCommandHandlers = [CreateProductHandler, ChangeProductPriceHandler, DeactivateProductHandler];
