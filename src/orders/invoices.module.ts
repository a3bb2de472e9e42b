import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { InvoiceResolver } from './api/invoice.resolver';
import { invoiceCommandHandlers } from './application/invoice.handlers';
import { InvoiceNumbering } from './application/invoice-numbering';
import { InvoiceQueries } from './application/invoice.queries';
import { InvoicingProcessManager } from './application/invoicing.process-manager';
import { OrdersModule } from './orders.module';

/** Invoices of the orders context: issued when an order is delivered, paid, credited, voided. */
@Module({
  imports: [CqrsModule, OrdersModule],
  providers: [...invoiceCommandHandlers, InvoiceQueries, InvoiceNumbering, InvoicingProcessManager, InvoiceResolver],
  exports: [InvoiceQueries],
})
export class InvoicesModule {}
