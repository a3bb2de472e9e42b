import { DomainError } from '../../shared/domain/domain-error';

export enum InvoiceErrorCode {
  InvoiceAlreadyIssued = 'INVOICE_ALREADY_ISSUED',
  InvoiceAmountsInconsistent = 'INVOICE_AMOUNTS_INCONSISTENT',
  InvoiceVoid = 'INVOICE_VOID',
  InvoiceAlreadyPaid = 'INVOICE_ALREADY_PAID',
  AmountNotPositive = 'AMOUNT_NOT_POSITIVE',
  PaymentExceedsBalance = 'PAYMENT_EXCEEDS_BALANCE',
  CreditExceedsBalance = 'CREDIT_EXCEEDS_BALANCE',
  VoidAfterPayment = 'VOID_AFTER_PAYMENT',
  VoidAfterCreditNote = 'VOID_AFTER_CREDIT_NOTE',
  ReasonRequired = 'REASON_REQUIRED',
  ReferenceRequired = 'REFERENCE_REQUIRED',
  MethodRequired = 'METHOD_REQUIRED',
  PaymentDateInFuture = 'PAYMENT_DATE_IN_FUTURE',
  PaymentDateBeforeIssue = 'PAYMENT_DATE_BEFORE_ISSUE',
}

/** A rule of invoicing said no; `code` names the rule, the message says what to do instead. */
export class InvoiceError extends DomainError<InvoiceErrorCode> {}
