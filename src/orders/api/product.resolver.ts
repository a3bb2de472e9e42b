import { Args, ID, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { RecordResolver } from '../../shared/graphql/record.resolver';
import { productCommands } from '../application/catalogue.commands';
import { OrdersQueries } from '../application/orders.queries';
import { CreateProductInput, Product, ProductFilter, ProductList } from './orders.types';

@Resolver(() => Product)
export class ProductResolver extends RecordResolver(OrdersQueries, {
  one: { name: 'product', type: Product, description: 'A product of your catalogue, or null', read: (queries, tenantId, id) => queries.product(tenantId, id) },
  list: {
    name: 'products',
    type: ProductList,
    filter: ProductFilter,
    description: 'Sorts on sku, name, unitPrice, active, createdAt, updatedAt',
    read: (queries, tenantId, filter, list) => queries.products(tenantId, filter, list),
  },
}) {
  @CommandMutation(productCommands.createProduct, () => Product, { description: 'Adds a product; the SKU must be new in your catalogue' })
  createProduct(@Args('input') input: CreateProductInput, @Caller() caller: Caller) {
    return this.commands.execute(productCommands.createProduct, input, caller);
  }

  @CommandMutation(productCommands.changeProductPrice, () => Product, { description: 'New unit price (decimal string); quotes already drafted keep theirs' })
  changeProductPrice(@Args('id', { type: () => ID }) id: string, @Args('unitPrice') unitPrice: string, @Caller() caller: Caller) {
    return this.commands.execute(productCommands.changeProductPrice, { productId: id, unitPrice }, caller);
  }

  @CommandMutation(productCommands.deactivateProduct, () => Product, { description: 'Takes the product out of new quotes' })
  deactivateProduct(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(productCommands.deactivateProduct, { productId: id }, caller);
  }
}
