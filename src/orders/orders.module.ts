import { Module } from '@nestjs/common';
import { AllowedCommandsResolver } from '../shared/graphql/allowed-commands.resolver';
import { Order, Product, Quote } from './api/orders.types';
import { productCommands } from './application/catalogue.commands';
import { orderCommands } from './application/order.commands';
import { quoteCommands } from './application/quote.commands';
import { OrderResolver } from './api/order.resolver';
import { ProductResolver } from './api/product.resolver';
import { QuoteResolver } from './api/quote.resolver';
import { OrderLifecycle } from './application/order-lifecycle';
import { OrdersQueries } from './application/orders.queries';
import { QuoteExpiryJob } from './application/quote-expiry.job';

/** Catalogue, quotes and orders. Invoices (InvoicesModule) import it for OrderLifecycle. */
@Module({
  providers: [
    OrdersQueries,
    QuoteExpiryJob,
    OrderLifecycle,
    ProductResolver,
    QuoteResolver,
    OrderResolver,
    AllowedCommandsResolver(Product, productCommands),
    AllowedCommandsResolver(Quote, quoteCommands, { placeOrder: orderCommands.placeOrder }),
    AllowedCommandsResolver(Order, orderCommands),
  ],
  exports: [OrderLifecycle, OrdersQueries],
})
export class OrdersModule {}
