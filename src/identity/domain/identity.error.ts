import { DomainError } from '../../shared/domain/domain-error';

export enum IdentityErrorCode {
  UserAlreadyExists = 'USER_ALREADY_EXISTS',
  EmailAlreadyUsed = 'EMAIL_ALREADY_USED',
  InvalidEmail = 'INVALID_EMAIL',
  NameRequired = 'NAME_REQUIRED',
  InvitationInvalid = 'INVITATION_INVALID',
  InvitationExpired = 'INVITATION_EXPIRED',
  InvitationAlreadyUsed = 'INVITATION_ALREADY_USED',
  ResetTokenInvalid = 'RESET_TOKEN_INVALID',
  UserDeactivated = 'USER_DEACTIVATED',
  UserNotDeactivated = 'USER_NOT_DEACTIVATED',
  UserNotActive = 'USER_NOT_ACTIVE',
  LastAdmin = 'LAST_ADMIN',
  CannotChangeOwnAccess = 'CANNOT_CHANGE_OWN_ACCESS',
  WeakPassword = 'WEAK_PASSWORD',
  WrongPassword = 'WRONG_PASSWORD',
  NotAUser = 'NOT_A_USER',
  ApiKeyAlreadyExists = 'API_KEY_ALREADY_EXISTS',
  ApiKeyRevoked = 'API_KEY_REVOKED',
  ApiKeyExpiryInPast = 'API_KEY_EXPIRY_IN_PAST',
  ApiKeySecretShown = 'API_KEY_SECRET_SHOWN',
  TenantAlreadyExists = 'TENANT_ALREADY_EXISTS',
  InvalidCurrency = 'INVALID_CURRENCY',
  InvalidPaymentTerms = 'INVALID_PAYMENT_TERMS',
  InvalidTimeZone = 'INVALID_TIME_ZONE',
  CurrencyLocked = 'CURRENCY_LOCKED',
  TooManyLoginAttempts = 'TOO_MANY_LOGIN_ATTEMPTS',
  SignInUnavailable = 'SIGN_IN_UNAVAILABLE',
  OneLoginPerRequest = 'ONE_LOGIN_PER_REQUEST',
}

/** A rule of users, API keys or tenant settings said no; `code` names the rule. */
export class IdentityError extends DomainError<IdentityErrorCode> {}
