import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, metadataFor } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { deterministicId, newId } from '../../shared/domain/ids';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '../../shared/event-store/event-store.port';
import { Product } from '../api/orders.types';
import { OrdersError, OrdersErrorCode } from '../domain/orders.error';
import { CreateProduct, productDecider } from '../domain/product';
import { SkuReserved, productStream, skuReservationStream } from '../domain/product.events';
import { ChangeProductPriceCommand, CreateProductCommand, DeactivateProductCommand } from './orders.commands';
import { OrdersCommandPipeline, PRODUCTS } from './orders-command.pipeline';
import { OrdersQueries } from './orders.queries';

/**
 * A SKU belongs to the first product that creates its reservation stream (appended with
 * expected `no_stream`, so two concurrent creates cannot both win). Re-running the same create
 * (same product id, e.g. a retry with the same Idempotency-Key) finds its own reservation and goes on.
 */
export const reserveSku = async (store: EventStore, tenantId: string, sku: string, productId: string, context: CommandContext): Promise<void> => {
  const stream = skuReservationStream(tenantId, sku);
  const owner = async () => ((await store.readStream(stream))[0]?.data as SkuReserved['data'] | undefined)?.productId;
  const refuse = () => {
    throw new OrdersError(OrdersErrorCode.SkuAlreadyUsed, `SKU ${sku.trim()} is already used by another product; choose another SKU`, { sku });
  };
  const current = await owner();
  if (current === productId) return;
  if (current) refuse();
  const event: SkuReserved = { type: 'SkuReserved', data: { sku: sku.trim(), productId } };
  try {
    await store.appendToStream(stream, [{ id: deterministicId(tenantId, 'sku-reservation', productId), ...event, metadata: metadataFor(context) }], {
      expectedRevision: 'no_stream',
    });
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    if ((await owner()) !== productId) refuse();
  }
};

@CommandHandler(CreateProductCommand)
export class CreateProductHandler implements ICommandHandler<CreateProductCommand, Product> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
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
        await reserveSku(this.store, caller.tenantId, input.sku, productId, context);
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
