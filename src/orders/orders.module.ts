import { Module } from '@nestjs/common';
import { OrderResolver } from './api/order.resolver';
import { ProductResolver } from './api/product.resolver';
import { QuoteResolver } from './api/quote.resolver';
import { OrderLifecycle } from './application/order-lifecycle';
import { TenantCurrency } from './application/orders.commands';
import { OrdersQueries } from './application/orders.queries';
import { QuoteExpiryJob } from './application/quote-expiry.job';

/** Catalogue, quotes and orders. Invoices (InvoicesModule) import it for OrderLifecycle. */
@Module({
  providers: [TenantCurrency, OrdersQueries, QuoteExpiryJob, OrderLifecycle, ProductResolver, QuoteResolver, OrderResolver],
  exports: [OrderLifecycle, OrdersQueries],
})
export class OrdersModule {}
