import { Module } from '@nestjs/common';
import { AllowedCommandsResolver } from '../shared/graphql/allowed-commands.resolver';
import { Invoice } from './api/invoice.types';
import { invoiceCommands } from './application/invoice.commands';
import { InvoiceResolver } from './api/invoice.resolver';
import { InvoiceNumbering } from './application/invoice-numbering';
import { InvoiceOverdueJob } from './application/invoice-overdue.job';
import { InvoiceQueries } from './application/invoice.queries';
import { InvoicingProcessManager } from './application/invoicing.process-manager';
import { OrdersModule } from './orders.module';

/** Invoices of the orders context: issued when an order is delivered, paid, credited, voided. */
@Module({
  imports: [OrdersModule],
  providers: [InvoiceQueries, InvoiceNumbering, InvoicingProcessManager, InvoiceResolver, AllowedCommandsResolver(Invoice, invoiceCommands), InvoiceOverdueJob],
  exports: [InvoiceQueries, InvoiceOverdueJob],
})
export class InvoicesModule {}
