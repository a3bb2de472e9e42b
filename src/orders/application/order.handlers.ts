import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '../../shared/auth/caller';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { NotFoundError } from '../../shared/domain/domain-error';
import { deterministicId, isUuid } from '../../shared/domain/ids';
import { Order } from '../api/orders.types';
import { OrderCommand, orderDecider } from '../domain/order';
import { orderStream } from '../domain/order.events';
import { quoteDecider } from '../domain/quote';
import { quoteStream } from '../domain/quote.events';
import {
  AuthorizePaymentCommand,
  CancelOrderCommand,
  ConfirmDeliveryCommand,
  FailPaymentCommand,
  PlaceOrderCommand,
  ShipOrderCommand,
} from './orders.commands';
import { ORDERS, OrdersCommandPipeline, QUOTES, today } from './orders-command.pipeline';
import { OrdersQueries } from './orders.queries';
import { loadInTenant } from './quote.handlers';

/** One order per quote: its id is derived from the quote's, so a second placement finds the first. */
export const orderIdForQuote = (tenantId: string, quoteId: string) => deterministicId(tenantId, 'order-of-quote', quoteId);

const runOrder = (pipeline: OrdersCommandPipeline, runner: EventSourcedRunner, queries: OrdersQueries) =>
  (caller: Caller, operation: string, request: object, orderId: string, command: OrderCommand): Promise<Order> =>
    pipeline.handle(
      caller,
      operation,
      request,
      async (context) => (await runner.run(orderDecider, orderStream(orderId), command, context)).position,
      ORDERS,
      () => queries.order(caller.tenantId, orderId),
      'order',
      orderId,
    );

@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand, Order> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ quoteId, caller }: PlaceOrderCommand) {
    const orderId = orderIdForQuote(caller.tenantId, quoteId);
    return this.pipeline.handle(
      caller,
      'placeOrder',
      { quoteId },
      async (context) => {
        const { state: quote } = isUuid(quoteId)
          ? await loadInTenant(this.runner, quoteDecider, quoteStream(quoteId), caller.tenantId)
          : { state: quoteDecider.initialState() };
        if (quote.status === 'NONE') throw new NotFoundError('quote', quoteId);
        const { id, status, clientId, currency, lines, net, tax, total } = quote;
        const placed = await this.runner.run(
          orderDecider,
          orderStream(orderId),
          { type: 'PlaceOrder', orderId, quote: { quoteId: id, status, clientId, currency, lines, net, tax, total }, today: today() },
          context,
        );
        // The quote's row shows its order too: wait for both read models.
        await this.pipeline.waitFor([QUOTES], placed.position);
        return placed.position;
      },
      ORDERS,
      () => this.queries.order(caller.tenantId, orderId),
      'order',
      orderId,
    );
  }
}

@CommandHandler(AuthorizePaymentCommand)
export class AuthorizePaymentHandler implements ICommandHandler<AuthorizePaymentCommand, Order> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ orderId, reference, caller }: AuthorizePaymentCommand) {
    return runOrder(this.pipeline, this.runner, this.queries)(caller, 'authorizePayment', { orderId, reference }, orderId, {
      type: 'AuthorizePayment',
      orderId,
      reference,
    });
  }
}

@CommandHandler(FailPaymentCommand)
export class FailPaymentHandler implements ICommandHandler<FailPaymentCommand, Order> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ orderId, reason, caller }: FailPaymentCommand) {
    return runOrder(this.pipeline, this.runner, this.queries)(caller, 'failPayment', { orderId, reason }, orderId, { type: 'FailPayment', orderId, reason });
  }
}

@CommandHandler(ShipOrderCommand)
export class ShipOrderHandler implements ICommandHandler<ShipOrderCommand, Order> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ orderId, carrier, trackingNumber, caller }: ShipOrderCommand) {
    return runOrder(this.pipeline, this.runner, this.queries)(caller, 'shipOrder', { orderId, carrier, trackingNumber }, orderId, {
      type: 'ShipOrder',
      orderId,
      carrier,
      trackingNumber,
      today: today(),
    });
  }
}

@CommandHandler(ConfirmDeliveryCommand)
export class ConfirmDeliveryHandler implements ICommandHandler<ConfirmDeliveryCommand, Order> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ orderId, caller }: ConfirmDeliveryCommand) {
    return runOrder(this.pipeline, this.runner, this.queries)(caller, 'confirmDelivery', { orderId }, orderId, { type: 'ConfirmDelivery', orderId, today: today() });
  }
}

@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand, Order> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ orderId, reason, caller }: CancelOrderCommand) {
    return runOrder(this.pipeline, this.runner, this.queries)(caller, 'cancelOrder', { orderId, reason }, orderId, { type: 'CancelOrder', orderId, reason });
  }
}

export const orderCommandHandlers = [PlaceOrderHandler, AuthorizePaymentHandler, FailPaymentHandler, ShipOrderHandler, ConfirmDeliveryHandler, CancelOrderHandler];
