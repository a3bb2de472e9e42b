import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
import { SELLERS } from '../../shared/command/command-roles';
import { NotFoundError } from '../../shared/domain/domain-error';
import { deterministicId, isUuid } from '../../shared/domain/ids';
import { orderDecider } from '../domain/order';
import { orderStream } from '../domain/order.events';
import { quoteDecider } from '../domain/quote';
import { quoteStream } from '../domain/quote.events';
import { OrdersQueries } from './orders.queries';
import { ORDERS, QUOTES } from './orders.commands';

/** One order per quote: its id is derived from the quote's, so a second placement finds the first. */
export const orderIdForQuote = (tenantId: string, quoteId: string) => deterministicId(tenantId, 'order-of-quote', quoteId);

type OrderInput = { orderId: string };

export const orderCommands = commandsFor(
  orderDecider,
  { entity: 'order', roles: SELLERS, stream: orderStream, answer: answerWithRow(OrdersQueries, 'order', ORDERS) },
  ({ command }) => ({
    placeOrder: command({
      id: (input: { quoteId: string }, env) => orderIdForQuote(env.tenantId, input.quoteId),
      command: async ({ quoteId }, orderId, env) => {
        const { state: quote } = isUuid(quoteId)
          ? await env.runner.stateInTenant(quoteDecider, quoteStream(quoteId), env.tenantId)
          : { state: quoteDecider.initialState() };
        if (quote.status === 'NONE') throw new NotFoundError('quote', quoteId);
        const { id, status, clientId, currency, lines, net, tax, total } = quote;
        return { type: 'PlaceOrder', orderId, quote: { quoteId: id, status, clientId, currency, lines, net, tax, total }, today: env.today };
      },
      // The quote's row shows its order too: wait for both read models.
      readModels: [QUOTES, ORDERS],
      // Probed on the quote: offered once it is accepted and has no order yet.
      probe: (quote) => ({ quoteId: quote.id }),
    }),
    authorizePayment: command({
      id: 'orderId',
      command: (input: OrderInput & { reference: string }) => ({ type: 'AuthorizePayment', ...input }),
      probe: (order) => ({ orderId: order.id, reference: 'probe' }),
    }),
    failPayment: command({
      id: 'orderId',
      command: (input: OrderInput & { reason: string }) => ({ type: 'FailPayment', ...input }),
      probe: (order) => ({ orderId: order.id, reason: 'probe' }),
    }),
    shipOrder: command<OrderInput & { carrier: string; trackingNumber: string }>({
      id: 'orderId',
      command: (input, _id, env) => ({ type: 'ShipOrder', ...input, today: env.today }),
      probe: (order) => ({ orderId: order.id, carrier: 'probe', trackingNumber: 'probe' }),
    }),
    confirmDelivery: command<OrderInput>({
      id: 'orderId',
      command: (input, _id, env) => ({ type: 'ConfirmDelivery', ...input, today: env.today }),
      probe: (order) => ({ orderId: order.id }),
    }),
    cancelOrder: command({
      id: 'orderId',
      command: (input: OrderInput & { reason: string }) => ({ type: 'CancelOrder', ...input }),
      probe: (order) => ({ orderId: order.id, reason: 'probe' }),
    }),
  }),
);
