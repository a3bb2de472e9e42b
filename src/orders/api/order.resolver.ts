import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Allow, Caller } from '../../shared/auth/caller';
import { ListArgs } from '../../shared/graphql/list.types';
import {
  AuthorizePaymentCommand,
  CancelOrderCommand,
  ConfirmDeliveryCommand,
  FailPaymentCommand,
  PlaceOrderCommand,
  ShipOrderCommand,
} from '../application/orders.commands';
import { OrdersQueries } from '../application/orders.queries';
import { Order, OrderFilter, OrderList } from './orders.types';

@Resolver(() => Order)
export class OrderResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: OrdersQueries,
  ) {}

  @Query(() => Order, { nullable: true, description: 'An order of your tenant, or null' })
  order(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.queries.order(caller.tenantId, id);
  }

  @Query(() => OrderList, { description: 'Sorts on status, placedOn, total, createdAt, updatedAt' })
  orders(
    @Args() list: ListArgs,
    @Args('filter', { type: () => OrderFilter, nullable: true }) filter: OrderFilter | undefined,
    @Caller() caller: Caller,
  ) {
    return this.queries.orders(caller.tenantId, filter, list);
  }

  @Allow('admin', 'sales')
  @Mutation(() => Order, { description: 'Places the order of an ACCEPTED quote (once per quote), copying its lines and totals' })
  placeOrder(@Args('quoteId', { type: () => ID }) quoteId: string, @Caller() caller: Caller) {
    return this.commands.execute(new PlaceOrderCommand(quoteId, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Order, { description: 'PLACED or PAYMENT_FAILED -> PAYMENT_AUTHORIZED' })
  authorizePayment(@Args('orderId', { type: () => ID }) orderId: string, @Args('reference') reference: string, @Caller() caller: Caller) {
    return this.commands.execute(new AuthorizePaymentCommand(orderId, reference, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Order, { description: 'PLACED -> PAYMENT_FAILED; authorization may be retried' })
  failPayment(@Args('orderId', { type: () => ID }) orderId: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(new FailPaymentCommand(orderId, reason, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Order, { description: 'PAYMENT_AUTHORIZED -> SHIPPED' })
  shipOrder(
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('carrier') carrier: string,
    @Args('trackingNumber') trackingNumber: string,
    @Caller() caller: Caller,
  ) {
    return this.commands.execute(new ShipOrderCommand(orderId, carrier, trackingNumber, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Order, { description: 'SHIPPED -> DELIVERED; the invoice is issued automatically' })
  confirmDelivery(@Args('orderId', { type: () => ID }) orderId: string, @Caller() caller: Caller) {
    return this.commands.execute(new ConfirmDeliveryCommand(orderId, caller));
  }

  @Allow('admin', 'sales')
  @Mutation(() => Order, { description: 'Cancels an order not yet shipped, with the reason' })
  cancelOrder(@Args('orderId', { type: () => ID }) orderId: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(new CancelOrderCommand(orderId, reason, caller));
  }
}
