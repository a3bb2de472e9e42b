import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { ListArgs } from '../../shared/graphql/list.types';
import { orderCommands } from '../application/order.commands';
import { OrdersQueries } from '../application/orders.queries';
import { Order, OrderFilter, OrderList } from './orders.types';

@Resolver(() => Order)
export class OrderResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly queries: OrdersQueries,
  ) {}

  @Query(() => Order, { nullable: true, description: 'An order of your tenant, or null' })
  order(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.order(caller.tenantId, id);
  }

  @Query(() => OrderList, { description: 'Sorts on status, placedOn, total, createdAt, updatedAt' })
  orders(@Args() list: ListArgs, @Args('filter', { type: () => OrderFilter, nullable: true }) filter: OrderFilter | undefined, @Caller() caller: Caller) {
    return this.queries.orders(caller.tenantId, filter, list);
  }

  @Allow(...orderCommands.placeOrder.roles)
  @Mutation(() => Order, { description: 'Places the order of an ACCEPTED quote (once per quote), copying its lines and totals' })
  placeOrder(@Args('quoteId', { type: () => ID }) quoteId: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.placeOrder, { quoteId }, caller);
  }

  @Allow(...orderCommands.authorizePayment.roles)
  @Mutation(() => Order, { description: 'PLACED or PAYMENT_FAILED -> PAYMENT_AUTHORIZED' })
  authorizePayment(@Args('orderId', { type: () => ID }) orderId: string, @Args('reference') reference: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.authorizePayment, { orderId, reference }, caller);
  }

  @Allow(...orderCommands.failPayment.roles)
  @Mutation(() => Order, { description: 'PLACED -> PAYMENT_FAILED; authorization may be retried' })
  failPayment(@Args('orderId', { type: () => ID }) orderId: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.failPayment, { orderId, reason }, caller);
  }

  @Allow(...orderCommands.shipOrder.roles)
  @Mutation(() => Order, { description: 'PAYMENT_AUTHORIZED -> SHIPPED' })
  shipOrder(
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('carrier') carrier: string,
    @Args('trackingNumber') trackingNumber: string,
    @Caller() caller: Caller,
  ) {
    return this.commands.execute(orderCommands.shipOrder, { orderId, carrier, trackingNumber }, caller);
  }

  @Allow(...orderCommands.confirmDelivery.roles)
  @Mutation(() => Order, { description: 'SHIPPED -> DELIVERED; the invoice is issued automatically' })
  confirmDelivery(@Args('orderId', { type: () => ID }) orderId: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.confirmDelivery, { orderId }, caller);
  }

  @Allow(...orderCommands.cancelOrder.roles)
  @Mutation(() => Order, { description: 'Cancels an order not yet shipped, with the reason' })
  cancelOrder(@Args('orderId', { type: () => ID }) orderId: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.cancelOrder, { orderId, reason }, caller);
  }
}
