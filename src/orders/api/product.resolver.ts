import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { ListArgs } from '../../shared/graphql/list.types';
import { productCommands } from '../application/catalogue.commands';
import { OrdersQueries } from '../application/orders.queries';
import { CreateProductInput, Product, ProductFilter, ProductList } from './orders.types';

@Resolver(() => Product)
export class ProductResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly queries: OrdersQueries,
  ) {}

  @Query(() => Product, { nullable: true, description: 'A product of your catalogue, or null' })
  product(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.product(caller.tenantId, id);
  }

  @Query(() => ProductList, { description: 'Sorts on sku, name, unitPrice, active, createdAt, updatedAt' })
  products(@Args() list: ListArgs, @Args('filter', { type: () => ProductFilter, nullable: true }) filter: ProductFilter | undefined, @Caller() caller: Caller) {
    return this.queries.products(caller.tenantId, filter, list);
  }

  @Allow(...productCommands.createProduct.roles)
  @Mutation(() => Product, { description: 'Adds a product; the SKU must be new in your catalogue' })
  createProduct(@Args('input') input: CreateProductInput, @Caller() caller: Caller) {
    return this.commands.execute(productCommands.createProduct, input, caller);
  }

  @Allow(...productCommands.changeProductPrice.roles)
  @Mutation(() => Product, { description: 'New unit price (decimal string); quotes already drafted keep theirs' })
  changeProductPrice(@Args('id', { type: () => ID }) id: string, @Args('unitPrice') unitPrice: string, @Caller() caller: Caller) {
    return this.commands.execute(productCommands.changeProductPrice, { productId: id, unitPrice }, caller);
  }

  @Allow(...productCommands.deactivateProduct.roles)
  @Mutation(() => Product, { description: 'Takes the product out of new quotes' })
  deactivateProduct(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(productCommands.deactivateProduct, { productId: id }, caller);
  }
}
