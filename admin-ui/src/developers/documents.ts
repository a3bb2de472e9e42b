/** The Developers section's GraphQL documents (validated against the server's schema by the tests). */
import { gql } from '../graphql-tag';

export const ENDPOINT_FIELDS = gql`
  fragment WebhookEndpointFields on WebhookEndpoint {
    id
    url
    description
    eventTypes
    status
    orderedBySubject
    rateLimitPerSecond
    createdAt
    lastSuccessAt
    failingSince
    disabledReason
  }
`;

export const DELIVERY_FIELDS = gql`
  fragment WebhookDeliveryFields on WebhookDelivery {
    id
    endpointId
    eventId
    eventType
    status
    attemptCount
    nextAttemptAt
    lastStatusCode
    createdAt
    deliveredAt
    payload
    test
    attempts {
      at
      statusCode
      durationMs
      responseBody
      error
    }
  }
`;

export const WEBHOOK_ENDPOINTS = gql`
  query WebhookEndpoints($filter: WebhookEndpointFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    webhookEndpoints(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      total
      items {
        ...WebhookEndpointFields
      }
    }
  }
  ${ENDPOINT_FIELDS}
`;

export const WEBHOOK_ENDPOINT = gql`
  query WebhookEndpoint($id: ID!) {
    webhookEndpoint(id: $id) {
      ...WebhookEndpointFields
    }
  }
  ${ENDPOINT_FIELDS}
`;

export const WEBHOOK_DELIVERIES = gql`
  query WebhookDeliveries($filter: WebhookDeliveryFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    webhookDeliveries(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      total
      items {
        ...WebhookDeliveryFields
      }
    }
  }
  ${DELIVERY_FIELDS}
`;

export const WEBHOOK_DELIVERY = gql`
  query WebhookDelivery($id: ID!) {
    webhookDelivery(id: $id) {
      ...WebhookDeliveryFields
    }
  }
  ${DELIVERY_FIELDS}
`;

export const WEBHOOK_EVENT_TYPES = gql`
  query WebhookEventTypes {
    webhookEventTypes {
      type
      context
      description
      schema
      example
    }
  }
`;

export const CREATE_WEBHOOK_ENDPOINT = gql`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        ...WebhookEndpointFields
      }
    }
  }
  ${ENDPOINT_FIELDS}
`;

export const UPDATE_WEBHOOK_ENDPOINT = gql`
  mutation UpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) {
      ...WebhookEndpointFields
    }
  }
  ${ENDPOINT_FIELDS}
`;

export const DISABLE_WEBHOOK_ENDPOINT = gql`
  mutation DisableWebhookEndpoint($id: ID!) {
    disableWebhookEndpoint(id: $id) {
      ...WebhookEndpointFields
    }
  }
  ${ENDPOINT_FIELDS}
`;

export const ENABLE_WEBHOOK_ENDPOINT = gql`
  mutation EnableWebhookEndpoint($id: ID!) {
    enableWebhookEndpoint(id: $id) {
      ...WebhookEndpointFields
    }
  }
  ${ENDPOINT_FIELDS}
`;

export const DELETE_WEBHOOK_ENDPOINT = gql`
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`;

export const ROTATE_WEBHOOK_SECRET = gql`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
    }
  }
`;

export const SEND_TEST_WEBHOOK = gql`
  mutation SendTestWebhook($endpointId: ID!, $eventType: String!) {
    sendTestWebhook(endpointId: $endpointId, eventType: $eventType) {
      ...WebhookDeliveryFields
    }
  }
  ${DELIVERY_FIELDS}
`;

export const RESEND_WEBHOOK_DELIVERY = gql`
  mutation ResendWebhookDelivery($id: ID!) {
    resendWebhookDelivery(id: $id) {
      ...WebhookDeliveryFields
    }
  }
  ${DELIVERY_FIELDS}
`;

export const REPLAY_WEBHOOK_ENDPOINT = gql`
  mutation ReplayWebhookEndpoint($id: ID!, $from: LogPointInput!) {
    replayWebhookEndpoint(id: $id, from: $from) {
      deliveries
    }
  }
`;
