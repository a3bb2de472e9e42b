import { Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '../../shared/auth/caller';
import { contextFromCaller } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { IdempotencyService } from '../../shared/command/idempotency.service';
import { NotFoundError } from '../../shared/domain/domain-error';
import { deterministicId, isUuid, newId } from '../../shared/domain/ids';
import { ProjectionsService } from '../../shared/projection/projections.service';
import { Invoice } from '../api/invoice.types';
import { InvoiceCommand, invoiceDecider } from '../domain/invoice';
import { invoiceStream } from '../domain/invoice.events';
import { IssueCreditNoteCommand, RecordPaymentCommand, SendInvoiceCommand, VoidInvoiceCommand } from './invoice.commands';
import { InvoiceQueries, todayUtc } from './invoice.queries';

export const INVOICES_PROJECTION = 'orders.invoices';

/** With an Idempotency-Key, a retried command names the same payment or credit note instead of a twin. */
const idFor = (caller: Caller, kind: string) => (caller.idempotencyKey ? deterministicId(caller.tenantId, caller.idempotencyKey, kind) : newId());

/** The shared path of every invoice command: idempotency, decide and append, then read-your-writes. */
@Injectable()
export class InvoiceCommandPipeline {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly idempotency: IdempotencyService,
    private readonly projections: ProjectionsService,
    private readonly queries: InvoiceQueries,
  ) {}

  handle(caller: Caller, operation: string, request: object, invoiceId: string, command: (today: string) => InvoiceCommand): Promise<Invoice> {
    return this.idempotency.run(caller.tenantId, caller.idempotencyKey, operation, request, async () => {
      if (!isUuid(invoiceId)) throw new NotFoundError('invoice', invoiceId);
      const today = todayUtc();
      const { position } = await this.runner.run(invoiceDecider, invoiceStream(invoiceId), command(today), contextFromCaller(caller));
      await this.projections.waitFor([INVOICES_PROJECTION], position);
      const invoice = await this.queries.invoice(caller.tenantId, invoiceId, today);
      if (!invoice) throw new NotFoundError('invoice', invoiceId);
      return invoice;
    });
  }
}

@CommandHandler(SendInvoiceCommand)
export class SendInvoiceHandler implements ICommandHandler<SendInvoiceCommand, Invoice> {
  constructor(private readonly pipeline: InvoiceCommandPipeline) {}

  execute({ invoiceId, caller }: SendInvoiceCommand) {
    return this.pipeline.handle(caller, 'sendInvoice', { invoiceId }, invoiceId, (today) => ({ type: 'SendInvoice', invoiceId, today }));
  }
}

@CommandHandler(RecordPaymentCommand)
export class RecordPaymentHandler implements ICommandHandler<RecordPaymentCommand, Invoice> {
  constructor(private readonly pipeline: InvoiceCommandPipeline) {}

  execute({ input, caller }: RecordPaymentCommand) {
    const paymentId = idFor(caller, 'payment');
    return this.pipeline.handle(caller, 'recordPayment', input, input.invoiceId, (today) => ({
      type: 'RecordPayment',
      invoiceId: input.invoiceId,
      paymentId,
      amount: input.amount,
      method: input.method,
      reference: input.reference,
      receivedOn: input.receivedOn ?? today,
      today,
    }));
  }
}

@CommandHandler(IssueCreditNoteCommand)
export class IssueCreditNoteHandler implements ICommandHandler<IssueCreditNoteCommand, Invoice> {
  constructor(private readonly pipeline: InvoiceCommandPipeline) {}

  execute({ input, caller }: IssueCreditNoteCommand) {
    const creditNoteId = idFor(caller, 'credit-note');
    return this.pipeline.handle(caller, 'issueCreditNote', input, input.invoiceId, (today) => ({
      type: 'IssueCreditNote',
      invoiceId: input.invoiceId,
      creditNoteId,
      amount: input.amount,
      reason: input.reason,
      today,
    }));
  }
}

@CommandHandler(VoidInvoiceCommand)
export class VoidInvoiceHandler implements ICommandHandler<VoidInvoiceCommand, Invoice> {
  constructor(private readonly pipeline: InvoiceCommandPipeline) {}

  execute({ invoiceId, reason, caller }: VoidInvoiceCommand) {
    return this.pipeline.handle(caller, 'voidInvoice', { invoiceId, reason }, invoiceId, (today) => ({ type: 'VoidInvoice', invoiceId, reason, today }));
  }
}

export const invoiceCommandHandlers = [InvoiceCommandPipeline, SendInvoiceHandler, RecordPaymentHandler, IssueCreditNoteHandler, VoidInvoiceHandler];
