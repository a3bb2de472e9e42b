import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Allow, Caller } from '../../shared/auth/caller';
import { ListArgs } from '../../shared/graphql/list.types';
import { isUuid } from '../../shared/domain/ids';
import { IssueCreditNoteCommand, RecordPaymentCommand, SendInvoiceCommand, VoidInvoiceCommand } from '../application/invoice.commands';
import { InvoiceQueries } from '../application/invoice.queries';
import { Invoice, InvoiceFilter, InvoiceList, IssueCreditNoteInput, RecordPaymentInput } from './invoice.types';

/** Every signed-in role reads invoices; accountants and admins change them. */
@Resolver(() => Invoice)
export class InvoiceResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: InvoiceQueries,
  ) {}

  @Query(() => Invoice, { nullable: true, description: 'An invoice of your tenant, or null' })
  invoice(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return isUuid(id) ? this.queries.invoice(caller.tenantId, id) : null;
  }

  @Query(() => InvoiceList, { description: 'Sort by number, status, issuedOn, dueOn, total, balanceDue, createdAt or updatedAt' })
  invoices(
    @Args() list: ListArgs,
    @Args('filter', { type: () => InvoiceFilter, nullable: true }) filter: InvoiceFilter | undefined,
    @Caller() caller: Caller,
  ) {
    return this.queries.invoices(caller.tenantId, filter, list);
  }

  @Allow('admin', 'accountant')
  @Mutation(() => Invoice, { description: 'Sends (or resends) the invoice to the client: ISSUED -> SENT' })
  sendInvoice(@Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.commands.execute(new SendInvoiceCommand(id, caller));
  }

  @Allow('admin', 'accountant')
  @Mutation(() => Invoice, { description: 'A payment of at most the balance due: PARTIALLY_PAID, or PAID once the balance is zero' })
  recordPayment(@Args('input') input: RecordPaymentInput, @Caller() caller: Caller) {
    return this.commands.execute(new RecordPaymentCommand(input, caller));
  }

  @Allow('admin', 'accountant')
  @Mutation(() => Invoice, { description: 'Credits at most the balance due, split into net and tax in the invoice proportion' })
  issueCreditNote(@Args('input') input: IssueCreditNoteInput, @Caller() caller: Caller) {
    return this.commands.execute(new IssueCreditNoteCommand(input, caller));
  }

  @Allow('admin', 'accountant')
  @Mutation(() => Invoice, { description: 'Voids an invoice with no payment and no credit note' })
  voidInvoice(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @Caller() caller: Caller) {
    return this.commands.execute(new VoidInvoiceCommand(id, reason, caller));
  }
}
