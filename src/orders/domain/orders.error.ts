import { DomainError } from '../../shared/domain/domain-error';

export enum OrdersErrorCode {
  ProductAlreadyExists = 'PRODUCT_ALREADY_EXISTS',
  SkuAlreadyUsed = 'SKU_ALREADY_USED',
  SkuRequired = 'SKU_REQUIRED',
  NameRequired = 'NAME_REQUIRED',
  ProductInactive = 'PRODUCT_INACTIVE',
  QuoteAlreadyExists = 'QUOTE_ALREADY_EXISTS',
  QuoteNeedsLines = 'QUOTE_NEEDS_LINES',
  DescriptionRequired = 'DESCRIPTION_REQUIRED',
  QuantityNotPositive = 'QUANTITY_NOT_POSITIVE',
  QuoteNotEditable = 'QUOTE_NOT_EDITABLE',
  QuoteNotDraft = 'QUOTE_NOT_DRAFT',
  QuoteNotSent = 'QUOTE_NOT_SENT',
  QuoteExpired = 'QUOTE_EXPIRED',
  QuoteNotAccepted = 'QUOTE_NOT_ACCEPTED',
  ValidUntilInPast = 'VALID_UNTIL_IN_PAST',
  ReasonRequired = 'REASON_REQUIRED',
  ClientNotFound = 'CLIENT_NOT_FOUND',
  ClientArchived = 'CLIENT_ARCHIVED',
  OrderAlreadyPlaced = 'ORDER_ALREADY_PLACED',
  PaymentNotPending = 'PAYMENT_NOT_PENDING',
  PaymentNotAuthorized = 'PAYMENT_NOT_AUTHORIZED',
  OrderNotShipped = 'ORDER_NOT_SHIPPED',
  OrderNotCancellable = 'ORDER_NOT_CANCELLABLE',
  OrderNotDelivered = 'ORDER_NOT_DELIVERED',
  CarrierRequired = 'CARRIER_REQUIRED',
  TrackingNumberRequired = 'TRACKING_NUMBER_REQUIRED',
  ReferenceRequired = 'REFERENCE_REQUIRED',
}

/** A rule of the catalogue, quotes or orders said no; `code` names the rule. */
export class OrdersError extends DomainError<OrdersErrorCode> {}
