import { DomainError } from '../../shared/domain/domain-error';

export enum WebhooksErrorCode {
  EndpointAlreadyExists = 'WEBHOOK_ENDPOINT_ALREADY_EXISTS',
  EndpointDeleted = 'WEBHOOK_ENDPOINT_DELETED',
  EndpointAlreadyDisabled = 'WEBHOOK_ENDPOINT_ALREADY_DISABLED',
  EndpointNotDisabled = 'WEBHOOK_ENDPOINT_NOT_DISABLED',
  UnknownEventType = 'UNKNOWN_EVENT_TYPE',
  BadInput = 'BAD_USER_INPUT',
  DeliveryNotFound = 'NOT_FOUND',
}

export class WebhooksError extends DomainError<WebhooksErrorCode> {}
