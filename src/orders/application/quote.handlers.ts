import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '../../shared/auth/caller';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { Decider, DomainEvent, fold } from '../../shared/domain/decider';
import { BadInputError } from '../../shared/domain/domain-error';
import { deterministicId, isUuid, newId } from '../../shared/domain/ids';
import { formatMinor } from '../../shared/domain/money';
import { Quote, QuoteLineInput } from '../api/orders.types';
import { LineInput } from '../domain/lines';
import { OrdersError, OrdersErrorCode } from '../domain/orders.error';
import { productDecider } from '../domain/product';
import { productStream } from '../domain/product.events';
import { QuoteCommand, quoteDecider } from '../domain/quote';
import { quoteStream } from '../domain/quote.events';
import { AcceptQuoteCommand, DraftQuoteCommand, RejectQuoteCommand, ReviseQuoteCommand, SendQuoteCommand } from './orders.commands';
import { OrdersCommandPipeline, QUOTES, today } from './orders-command.pipeline';
import { OrdersQueries } from './orders.queries';

/** The state of a record of the caller's tenant; another tenant's record reads as none. */
export const loadInTenant = async <State, Event extends DomainEvent>(
  runner: EventSourcedRunner,
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  stream: string,
  tenantId: string,
): Promise<{ state: State; exists: boolean }> => {
  const history = await runner.readStream(stream);
  if (history.length === 0 || history[0].metadata.tenantId !== tenantId) return { state: decider.initialState(), exists: false };
  return { state: fold(decider, history as unknown as Event[]), exists: true };
};

/**
 * Quote lines as typed, completed from the catalogue: a line naming a product takes the
 * product's name, price and tax rate for whatever it leaves out. A product must be of the
 * tenant and still active.
 */
export const resolveLines = async (runner: EventSourcedRunner, tenantId: string, lines: QuoteLineInput[]): Promise<LineInput[]> => {
  const missing: Record<string, string[]> = {};
  const resolved: LineInput[] = [];
  for (const [index, line] of lines.entries()) {
    const field = `lines[${index}]`;
    let { description, unitPrice, taxRate } = line;
    if (line.productId) {
      const { state } = await loadInTenant(runner, productDecider, productStream(line.productId), tenantId);
      if (state.status === 'NONE') {
        missing[`${field}.productId`] = [`no product with id ${line.productId}; pick one from the catalogue or leave productId out for a free-text line`];
        continue;
      }
      if (state.status === 'INACTIVE')
        throw new OrdersError(OrdersErrorCode.ProductInactive, `${field}: product ${state.sku} is deactivated and can no longer be quoted`);
      description = description?.trim() ? description : state.name;
      unitPrice = unitPrice ?? formatMinor(state.unitPrice, state.currency);
      taxRate = taxRate ?? state.taxRate;
    }
    if (!description?.trim()) missing[`${field}.description`] = ['describe what the line sells (or give a productId)'];
    if (unitPrice === undefined || unitPrice === null) missing[`${field}.unitPrice`] = ['give the unit price, such as "125.50" (or a productId)'];
    if (taxRate === undefined || taxRate === null) missing[`${field}.taxRate`] = ['give the tax rate, such as "20" (or a productId)'];
    resolved.push({ productId: line.productId ?? null, description: description ?? '', quantity: line.quantity, unitPrice: unitPrice ?? '', taxRate: taxRate ?? '' });
  }
  if (Object.keys(missing).length > 0) throw new BadInputError(missing);
  return resolved;
};

const clientStream = (clientId: string) => `client-${clientId}`;

const runQuote = (pipeline: OrdersCommandPipeline, runner: EventSourcedRunner, queries: OrdersQueries) =>
  (caller: Caller, operation: string, request: object, quoteId: string, command: () => Promise<QuoteCommand> | QuoteCommand): Promise<Quote> =>
    pipeline.handle(
      caller,
      operation,
      request,
      async (context) => (await runner.run(quoteDecider, quoteStream(quoteId), await command(), context)).position,
      QUOTES,
      () => queries.quote(caller.tenantId, quoteId),
      'quote',
      quoteId,
    );

@CommandHandler(DraftQuoteCommand)
export class DraftQuoteHandler implements ICommandHandler<DraftQuoteCommand, Quote> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ input, caller }: DraftQuoteCommand) {
    const quoteId = caller.idempotencyKey ? deterministicId(caller.tenantId, caller.idempotencyKey, 'quote') : newId();
    return runQuote(this.pipeline, this.runner, this.queries)(caller, 'draftQuote', input, quoteId, async () => {
      // The client is checked in the CRM's log, not a read model that may lag behind it.
      const client = isUuid(input.clientId) ? await this.runner.readStream(clientStream(input.clientId)) : [];
      if (client.length === 0 || client[0].metadata.tenantId !== caller.tenantId)
        throw new OrdersError(OrdersErrorCode.ClientNotFound, `No client with id ${input.clientId} in your tenant; register the client (or convert the lead) first`);
      const archival = client.filter((event) => event.type === 'ClientArchived' || event.type === 'ClientRestored').pop();
      if (archival?.type === 'ClientArchived')
        throw new OrdersError(OrdersErrorCode.ClientArchived, `Client ${input.clientId} is archived; restore the client before quoting`);
      const lines = await resolveLines(this.runner, caller.tenantId, input.lines);
      const currency = await this.pipeline.currency(caller.tenantId);
      return { type: 'DraftQuote', quoteId, clientId: input.clientId, currency, validUntil: input.validUntil ?? null, lines, today: today() };
    });
  }
}

@CommandHandler(ReviseQuoteCommand)
export class ReviseQuoteHandler implements ICommandHandler<ReviseQuoteCommand, Quote> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ quoteId, input, caller }: ReviseQuoteCommand) {
    return runQuote(this.pipeline, this.runner, this.queries)(caller, 'reviseQuote', { quoteId, ...input }, quoteId, async () => ({
      type: 'ReviseQuote',
      quoteId,
      lines: await resolveLines(this.runner, caller.tenantId, input.lines),
      ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
      today: today(),
    }));
  }
}

@CommandHandler(SendQuoteCommand)
export class SendQuoteHandler implements ICommandHandler<SendQuoteCommand, Quote> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ quoteId, caller }: SendQuoteCommand) {
    return runQuote(this.pipeline, this.runner, this.queries)(caller, 'sendQuote', { quoteId }, quoteId, () => ({ type: 'SendQuote', quoteId, today: today() }));
  }
}

@CommandHandler(AcceptQuoteCommand)
export class AcceptQuoteHandler implements ICommandHandler<AcceptQuoteCommand, Quote> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ quoteId, caller }: AcceptQuoteCommand) {
    return runQuote(this.pipeline, this.runner, this.queries)(caller, 'acceptQuote', { quoteId }, quoteId, () => ({ type: 'AcceptQuote', quoteId, today: today() }));
  }
}

@CommandHandler(RejectQuoteCommand)
export class RejectQuoteHandler implements ICommandHandler<RejectQuoteCommand, Quote> {
  constructor(
    private readonly pipeline: OrdersCommandPipeline,
    private readonly runner: EventSourcedRunner,
    private readonly queries: OrdersQueries,
  ) {}

  execute({ quoteId, reason, caller }: RejectQuoteCommand) {
    return runQuote(this.pipeline, this.runner, this.queries)(caller, 'rejectQuote', { quoteId, reason }, quoteId, () => ({ type: 'RejectQuote', quoteId, reason }));
  }
}

export const quoteCommandHandlers = [DraftQuoteHandler, ReviseQuoteHandler, SendQuoteHandler, AcceptQuoteHandler, RejectQuoteHandler];
