import { Caller } from '../../shared/auth/caller';
import { CreateProductInput, DraftQuoteInput, ReviseQuoteInput } from '../api/orders.types';

export class CreateProductCommand {
  constructor(readonly input: CreateProductInput, readonly caller: Caller) {}
}
export class ChangeProductPriceCommand {
  constructor(readonly productId: string, readonly unitPrice: string, readonly caller: Caller) {}
}
export class DeactivateProductCommand {
  constructor(readonly productId: string, readonly caller: Caller) {}
}

export class DraftQuoteCommand {
  constructor(readonly input: DraftQuoteInput, readonly caller: Caller) {}
}
export class ReviseQuoteCommand {
  constructor(readonly quoteId: string, readonly input: ReviseQuoteInput, readonly caller: Caller) {}
}
export class SendQuoteCommand {
  constructor(readonly quoteId: string, readonly caller: Caller) {}
}
export class AcceptQuoteCommand {
  constructor(readonly quoteId: string, readonly caller: Caller) {}
}
export class RejectQuoteCommand {
  constructor(readonly quoteId: string, readonly reason: string, readonly caller: Caller) {}
}

export class PlaceOrderCommand {
  constructor(readonly quoteId: string, readonly caller: Caller) {}
}
export class AuthorizePaymentCommand {
  constructor(readonly orderId: string, readonly reference: string, readonly caller: Caller) {}
}
export class FailPaymentCommand {
  constructor(readonly orderId: string, readonly reason: string, readonly caller: Caller) {}
}
export class ShipOrderCommand {
  constructor(readonly orderId: string, readonly carrier: string, readonly trackingNumber: string, readonly caller: Caller) {}
}
export class ConfirmDeliveryCommand {
  constructor(readonly orderId: string, readonly caller: Caller) {}
}
export class CancelOrderCommand {
  constructor(readonly orderId: string, readonly reason: string, readonly caller: Caller) {}
}
