import { Args, ID, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { RecordResolver } from '../../shared/graphql/record.resolver';
import { isUuid } from '../../shared/domain/ids';
import { invoiceCommands } from '../application/invoice.commands';
import { InvoiceQueries } from '../application/invoice.queries';
import { Invoice, InvoiceFilter, InvoiceList, IssueCreditNoteInput, RecordPaymentInput } from './invoice.types';

/** Every signed-in role reads invoices; accountants and admins change them. */
@Resolver(() => Invoice)
export class InvoiceResolver extends RecordResolver(InvoiceQueries, {
  one: {
    name: 'invoice',
    type: Invoice,
    description: 'An invoice of your tenant, or null',
    read: (queries, tenantId, id) => (isUuid(id) ? queries.invoice(tenantId, id) : null),
  },
  list: {
    name: 'invoices',
    type: InvoiceList,
    filter: InvoiceFilter,
    description: 'Sort by number, status, issuedOn, dueOn, total, balanceDue, createdAt or updatedAt',
    read: (queries, tenantId, filter, list) => queries.invoices(tenantId, filter, list),
  },
}) {
  @CommandMutation(invoiceCommands.sendInvoice, () => Invoice, { description: 'Sends (or resends) the invoice to the client: ISSUED -> SENT' })
  sendInvoice(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(invoiceCommands.sendInvoice, { invoiceId: id }, caller);
  }

  @CommandMutation(invoiceCommands.recordPayment, () => Invoice, {
    description: 'A payment of at most the balance due: PARTIALLY_PAID, or PAID once the balance is zero',
  })
  recordPayment(@Args('input') input: RecordPaymentInput, @Caller() caller: Caller) {
    return this.commands.execute(invoiceCommands.recordPayment, input, caller);
  }

  @CommandMutation(invoiceCommands.issueCreditNote, () => Invoice, {
    description: 'Credits at most the balance due, split into net and tax in the invoice proportion',
  })
  issueCreditNote(@Args('input') input: IssueCreditNoteInput, @Caller() caller: Caller) {
    return this.commands.execute(invoiceCommands.issueCreditNote, input, caller);
  }

  @CommandMutation(invoiceCommands.voidInvoice, () => Invoice, { description: 'Voids an invoice with no payment and no credit note' })
  voidInvoice(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(invoiceCommands.voidInvoice, { invoiceId: id, reason }, caller);
  }
}
