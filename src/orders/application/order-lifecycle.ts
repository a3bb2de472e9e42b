import { Injectable } from '@nestjs/common';
import { CommandContext } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { orderDecider } from '../domain/order';
import { orderStream } from '../domain/order.events';

/**
 * The order's moves that follow its invoice, for the invoicing process managers. Both are
 * idempotent: a repeat (a redelivered event, a retry) decides nothing and is not an error.
 * An order of another tenant (or none) is NOT_FOUND.
 */
@Injectable()
export class OrderLifecycle {
  constructor(private readonly runner: EventSourcedRunner) {}

  /** DELIVERED -> INVOICED once its invoice is issued. */
  async markInvoiced(orderId: string, invoiceId: string, context: CommandContext): Promise<void> {
    await this.runner.run(orderDecider, orderStream(orderId), { type: 'MarkOrderInvoiced', orderId, invoiceId }, context);
  }

  /** INVOICED -> CLOSED once its invoice is paid in full. */
  async close(orderId: string, context: CommandContext): Promise<void> {
    await this.runner.run(orderDecider, orderStream(orderId), { type: 'CloseOrder', orderId }, context);
  }
}
