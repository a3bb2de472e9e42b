import { Args, ID, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { RecordResolver } from '../../shared/graphql/record.resolver';
import { orderCommands } from '../application/order.commands';
import { OrdersQueries } from '../application/orders.queries';
import { Order, OrderFilter, OrderList } from './orders.types';

@Resolver(() => Order)
export class OrderResolver extends RecordResolver(OrdersQueries, {
  one: { name: 'order', type: Order, description: 'An order of your tenant, or null', read: (queries, tenantId, id) => queries.order(tenantId, id) },
  list: {
    name: 'orders',
    type: OrderList,
    filter: OrderFilter,
    description: 'Sorts on status, placedOn, total, createdAt, updatedAt',
    read: (queries, tenantId, filter, list) => queries.orders(tenantId, filter, list),
  },
}) {
  @CommandMutation(orderCommands.placeOrder, () => Order, {
    description: 'Places the order of an ACCEPTED quote (once per quote), copying its lines and totals',
  })
  placeOrder(@Args('quoteId', { type: () => ID }) quoteId: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.placeOrder, { quoteId }, caller);
  }

  @CommandMutation(orderCommands.authorizePayment, () => Order, { description: 'PLACED or PAYMENT_FAILED -> PAYMENT_AUTHORIZED' })
  authorizePayment(@Args('orderId', { type: () => ID }) orderId: string, @Args('reference') reference: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.authorizePayment, { orderId, reference }, caller);
  }

  @CommandMutation(orderCommands.failPayment, () => Order, { description: 'PLACED -> PAYMENT_FAILED; authorization may be retried' })
  failPayment(@Args('orderId', { type: () => ID }) orderId: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.failPayment, { orderId, reason }, caller);
  }

  @CommandMutation(orderCommands.shipOrder, () => Order, { description: 'PAYMENT_AUTHORIZED -> SHIPPED' })
  shipOrder(
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('carrier') carrier: string,
    @Args('trackingNumber') trackingNumber: string,
    @Caller() caller: Caller,
  ) {
    return this.commands.execute(orderCommands.shipOrder, { orderId, carrier, trackingNumber }, caller);
  }

  @CommandMutation(orderCommands.confirmDelivery, () => Order, { description: 'SHIPPED -> DELIVERED; the invoice is issued automatically' })
  confirmDelivery(@Args('orderId', { type: () => ID }) orderId: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.confirmDelivery, { orderId }, caller);
  }

  @CommandMutation(orderCommands.cancelOrder, () => Order, { description: 'Cancels an order not yet shipped, with the reason' })
  cancelOrder(@Args('orderId', { type: () => ID }) orderId: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(orderCommands.cancelOrder, { orderId, reason }, caller);
  }
}
