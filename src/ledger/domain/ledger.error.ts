import { DomainError } from '../../shared/domain/domain-error';

export enum LedgerErrorCode {
  InvalidDate = 'INVALID_DATE',
  MemoRequired = 'MEMO_REQUIRED',
  ReasonRequired = 'REASON_REQUIRED',
  TooFewLines = 'TOO_FEW_LINES',
  LineHasDebitAndCredit = 'LINE_HAS_DEBIT_AND_CREDIT',
  LineAmountZero = 'LINE_AMOUNT_ZERO',
  NegativeAmount = 'NEGATIVE_AMOUNT',
  Unbalanced = 'UNBALANCED_ENTRY',
  UnknownAccount = 'UNKNOWN_ACCOUNT',
  AccountClosed = 'ACCOUNT_CLOSED',
  AccountAlreadyClosed = 'ACCOUNT_ALREADY_CLOSED',
  ControlAccount = 'CONTROL_ACCOUNT',
  AccountCodeTaken = 'ACCOUNT_CODE_TAKEN',
  InvalidAccountCode = 'INVALID_ACCOUNT_CODE',
  TooManyAccounts = 'TOO_MANY_ACCOUNTS',
  InvalidAccountType = 'INVALID_ACCOUNT_TYPE',
  NameRequired = 'NAME_REQUIRED',
  PeriodLocked = 'PERIOD_LOCKED',
  PeriodLockBackwards = 'PERIOD_LOCK_BACKWARDS',
  PeriodLockInFuture = 'PERIOD_LOCK_IN_FUTURE',
  EntryAlreadyPosted = 'ENTRY_ALREADY_POSTED',
  EntryAlreadyReversed = 'ENTRY_ALREADY_REVERSED',
  ReversalBeforeEntry = 'REVERSAL_BEFORE_ENTRY',
}

export class LedgerError extends DomainError<LedgerErrorCode> {}
