import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller } from '../../shared/auth/caller';
import { CommandService } from '../../shared/command/command.service';
import { ListArgs } from '../../shared/graphql/list.types';
import { isUuid } from '../../shared/domain/ids';
import { invoiceCommands } from '../application/invoice.commands';
import { InvoiceQueries } from '../application/invoice.queries';
import { Invoice, InvoiceFilter, InvoiceList, IssueCreditNoteInput, RecordPaymentInput } from './invoice.types';

/** Every signed-in role reads invoices; accountants and admins change them. */
@Resolver(() => Invoice)
export class InvoiceResolver {
  constructor(
    private readonly commands: CommandService,
    private readonly queries: InvoiceQueries,
  ) {}

  @Query(() => Invoice, { nullable: true, description: 'An invoice of your tenant, or null' })
  invoice(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return isUuid(id) ? this.queries.invoice(caller.tenantId, id) : null;
  }

  @Query(() => InvoiceList, { description: 'Sort by number, status, issuedOn, dueOn, total, balanceDue, createdAt or updatedAt' })
  invoices(@Args() list: ListArgs, @Args('filter', { type: () => InvoiceFilter, nullable: true }) filter: InvoiceFilter | undefined, @Caller() caller: Caller) {
    return this.queries.invoices(caller.tenantId, filter, list);
  }

  @Allow(...invoiceCommands.sendInvoice.roles)
  @Mutation(() => Invoice, { description: 'Sends (or resends) the invoice to the client: ISSUED -> SENT' })
  sendInvoice(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(invoiceCommands.sendInvoice, { invoiceId: id }, caller);
  }

  @Allow(...invoiceCommands.recordPayment.roles)
  @Mutation(() => Invoice, { description: 'A payment of at most the balance due: PARTIALLY_PAID, or PAID once the balance is zero' })
  recordPayment(@Args('input') input: RecordPaymentInput, @Caller() caller: Caller) {
    return this.commands.execute(invoiceCommands.recordPayment, input, caller);
  }

  @Allow(...invoiceCommands.issueCreditNote.roles)
  @Mutation(() => Invoice, { description: 'Credits at most the balance due, split into net and tax in the invoice proportion' })
  issueCreditNote(@Args('input') input: IssueCreditNoteInput, @Caller() caller: Caller) {
    return this.commands.execute(invoiceCommands.issueCreditNote, input, caller);
  }

  @Allow(...invoiceCommands.voidInvoice.roles)
  @Mutation(() => Invoice, { description: 'Voids an invoice with no payment and no credit note' })
  voidInvoice(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(invoiceCommands.voidInvoice, { invoiceId: id, reason }, caller);
  }
}
