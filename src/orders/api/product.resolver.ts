import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Allow, Caller } from '../../shared/auth/caller';
import { ListArgs } from '../../shared/graphql/list.types';
import { ChangeProductPriceCommand, CreateProductCommand, DeactivateProductCommand } from '../application/orders.commands';
import { OrdersQueries } from '../application/orders.queries';
import { CreateProductInput, Product, ProductFilter, ProductList } from './orders.types';

@Resolver(() => Product)
export class ProductResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: OrdersQueries,
  ) {}

  @Query(() => Product, { nullable: true, description: 'A product of your catalogue, or null' })
  product(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.product(caller.tenantId, id);
  }

  @Query(() => ProductList, { description: 'Sorts on sku, name, unitPrice, active, createdAt, updatedAt' })
  products(
    @Args() list: ListArgs,
    @Args('filter', { type: () => ProductFilter, nullable: true }) filter: ProductFilter | undefined,
    @Caller() caller: Caller,
  ) {
    return this.queries.products(caller.tenantId, filter, list);
  }

  @Allow('admin', 'sales')
  @Mutation(() => Product, { description: 'Adds a product; the SKU must be new in your catalogue' })
  createProduct(@Args('input') input: CreateProductInput, @Caller() caller: Caller) {
    return this.commands.execute(new CreateProductCommand(input, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Product, { description: 'New unit price (decimal string); quotes already drafted keep theirs' })
  changeProductPrice(@Args('id', { type: () => ID }) id: string, @Args('unitPrice') unitPrice: string, @Caller() caller: Caller) {
    return this.commands.execute(new ChangeProductPriceCommand(id, unitPrice, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Product, { description: 'Takes the product out of new quotes' })
  deactivateProduct(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(new DeactivateProductCommand(id, caller));
  }
}
