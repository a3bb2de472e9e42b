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
  ClientArchived = 'CLIENT_ARCHIVED',
  ClientNotArchived = 'CLIENT_NOT_ARCHIVED',
  ContactNotFound = 'CONTACT_NOT_FOUND',
  ContactAlreadyExists = 'CONTACT_ALREADY_EXISTS',
  AddressIncomplete = 'ADDRESS_INCOMPLETE',
  OwnerNotInTenant = 'OWNER_NOT_IN_TENANT',
  ActivityAlreadyExists = 'ACTIVITY_ALREADY_EXISTS',
  SubjectRequired = 'SUBJECT_REQUIRED',
  InvalidDueDate = 'INVALID_DUE_DATE',
  NotATask = 'NOT_A_TASK',
  TaskAlreadyCompleted = 'TASK_ALREADY_COMPLETED',
  TooManyContacts = 'TOO_MANY_CONTACTS',
}

export class CrmError extends DomainError<CrmErrorCode> {}
