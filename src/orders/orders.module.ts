import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { OrderLifecycle } from './application/order-lifecycle';

@Module({
  imports: [CqrsModule],
  providers: [OrderLifecycle],
  exports: [OrderLifecycle],
})
export class OrdersModule {}
