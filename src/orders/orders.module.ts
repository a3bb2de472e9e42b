import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { OrderResolver } from './api/order.resolver';
import { ProductResolver } from './api/product.resolver';
import { QuoteResolver } from './api/quote.resolver';
import { catalogueCommandHandlers } from './application/catalogue.handlers';
import { OrderLifecycle } from './application/order-lifecycle';
import { orderCommandHandlers } from './application/order.handlers';
import { OrdersCommandPipeline } from './application/orders-command.pipeline';
import { OrdersQueries } from './application/orders.queries';
import { quoteCommandHandlers } from './application/quote.handlers';
import { QuoteExpiryJob } from './application/quote-expiry.job';

/** Catalogue, quotes and orders. Invoices (InvoicesModule) import it for OrderLifecycle. */
@Module({
  imports: [CqrsModule],
  providers: [
    OrdersCommandPipeline,
    OrdersQueries,
    ...catalogueCommandHandlers,
    ...quoteCommandHandlers,
    ...orderCommandHandlers,
    QuoteExpiryJob,
    OrderLifecycle,
    ProductResolver,
    QuoteResolver,
    OrderResolver,
  ],
  exports: [OrderLifecycle, OrdersQueries],
})
export class OrdersModule {}
