import { Injectable, Logger } from '@nestjs/common';
import { UserDirectory } from '../../identity/public/user-directory';
import { CommandContext, contextFromEvent } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { DomainError } from '../../shared/domain/domain-error';
import { deterministicId } from '../../shared/domain/ids';
import { RecordedEvent } from '../../shared/event-store/event-store.port';
import { eachEvent, reactor } from '../../shared/processing/processor';
import { ReactorProvider } from '../../shared/processing/processors.module';
import { invoiceDecider } from '../domain/invoice';
import { dueDate } from '../domain/invoice-number';
import { invoiceStream } from '../domain/invoice.events';
import { invoiceEvents, orderEvents } from '../domain/orders.events';
import { InvoiceNumbering } from './invoice-numbering';
import { OrderLifecycle } from './order-lifecycle';

export const INVOICING_PROCESS_MANAGER = 'orders.invoicing.process-manager';
export const DEFAULT_PAYMENT_TERMS_DAYS = 30;
const ACTOR = 'system:invoicing';

/** The invoice of a delivery has an id fixed by the OrderDelivered event: issuing it twice is impossible. */
export const invoiceIdForDelivery = (tenantId: string, orderDeliveredEventId: string) =>
  deterministicId(tenantId, 'invoice-of-delivery', orderDeliveredEventId);

/**
 * OrderDelivered -> take the next invoice number, IssueInvoice (due after the tenant's payment
 * terms), then mark the order INVOICED. InvoiceFullyPaid -> close the order. Every step is
 * idempotent (ids and idempotency keys derive from the triggering event), so a redelivered
 * event or a retry after a crash at any point issues one invoice with one number.
 */
@Injectable()
export class InvoicingProcessManager implements ReactorProvider {
  private readonly logger = new Logger('Invoicing');

  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly numbering: InvoiceNumbering,
    private readonly orders: OrderLifecycle,
    private readonly directory: UserDirectory,
  ) {}

  reactor() {
    return reactor(
      eachEvent(INVOICING_PROCESS_MANAGER, ['OrderDelivered', 'InvoiceFullyPaid'], async (event) => {
        if (event.type === 'OrderDelivered') await this.invoiceDelivery(event);
        else if (event.type === 'InvoiceFullyPaid') await this.closeOrder(event);
      }),
    );
  }

  async invoiceDelivery(event: RecordedEvent): Promise<string> {
    const decoded = orderEvents.decode(event);
    if (decoded.type !== 'OrderDelivered') throw new Error(`invoicing: ${event.type} at position ${event.position} is not an OrderDelivered`);
    const delivered = decoded.data;
    const context = this.contextFor(event, 'order-delivered');
    const invoiceId = invoiceIdForDelivery(context.tenantId, event.id);
    const stored = await this.runner.readStream(invoiceStream(invoiceId));
    if (stored.length === 0) {
      const issuedOn = delivered.deliveredOn;
      const number = await this.numbering.assign(invoiceId, delivered.orderId, Number(issuedOn.slice(0, 4)), context);
      const terms = await this.paymentTermsDays(context.tenantId);
      await this.runner.run(
        invoiceDecider,
        invoiceStream(invoiceId),
        {
          type: 'IssueInvoice',
          invoiceId,
          number,
          orderId: delivered.orderId,
          clientId: delivered.clientId,
          currency: delivered.currency,
          net: delivered.net,
          tax: delivered.tax,
          total: delivered.total,
          issuedOn,
          dueOn: dueDate(issuedOn, terms),
        },
        context,
      );
    }
    await this.tellOrder(() => this.orders.markInvoiced(delivered.orderId, invoiceId, context), event);
    return invoiceId;
  }

  async closeOrder(event: RecordedEvent): Promise<void> {
    const decoded = invoiceEvents.decode(event);
    if (decoded.type !== 'InvoiceFullyPaid') throw new Error(`invoicing: ${event.type} at position ${event.position} is not an InvoiceFullyPaid`);
    const { orderId } = decoded.data;
    await this.tellOrder(() => this.orders.close(orderId, this.contextFor(event, 'invoice-fully-paid')), event);
  }

  private contextFor(event: RecordedEvent, step: string): CommandContext {
    return { ...contextFromEvent(event, ACTOR), idempotencyKey: `${step}:${event.id}` };
  }

  /**
   * The invoice is a fact by now: an order that refuses the move (a business rule, not an outage)
   * is logged for a person to look at instead of stopping invoicing for every other order.
   */
  private async tellOrder(move: () => Promise<void>, event: RecordedEvent) {
    try {
      await move();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`${event.type} ${event.id} (${event.streamName}): the order refused: ${error.code} ${error.message}`);
    }
  }

  private async paymentTermsDays(tenantId: string): Promise<number> {
    return (await this.directory.tenant(tenantId))?.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS;
  }
}
