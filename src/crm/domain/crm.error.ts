import { DomainError } from '../../shared/domain/domain-error';

export enum CrmErrorCode {
  LeadAlreadyExists = 'LEAD_ALREADY_EXISTS',
  LeadNotNew = 'LEAD_NOT_NEW',
  LeadNotQualified = 'LEAD_NOT_QUALIFIED',
  LeadAlreadyConverted = 'LEAD_ALREADY_CONVERTED',
  InvalidEmail = 'INVALID_EMAIL',
  NameRequired = 'NAME_REQUIRED',
  ReasonRequired = 'REASON_REQUIRED',
  ClientAlreadyExists = 'CLIENT_ALREADY_EXISTS',
}

export class CrmError extends DomainError<CrmErrorCode> {}
