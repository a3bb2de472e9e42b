/**
 * The GraphQL documents the records' screens send. Types come from them: `npm run codegen` checks
 * each against the app's schema and writes admin-ui/src/generated/graphql.ts.
 */
import { gql } from './graphql-tag';

export const OWNER_FIELDS = gql`
  fragment OwnerFields on Owner {
    id
    name
    email
  }
`;

export const LEAD_FIELDS = gql`
  fragment LeadFields on Lead {
    id
    name
    email
    company
    phone
    source
    status
    clientId
    ownerId
    owner {
      ...OwnerFields
    }
    allowedCommands
    createdAt
    updatedAt
  }
  ${OWNER_FIELDS}
`;

export const ADDRESS_FIELDS = gql`
  fragment AddressFields on PostalAddress {
    line1
    line2
    city
    postalCode
    country
  }
`;

export const CLIENT_FIELDS = gql`
  fragment ClientFields on Client {
    id
    name
    email
    company
    phone
    leadId
    ownerId
    owner {
      ...OwnerFields
    }
    archived
    archivedReason
    contacts {
      id
      name
      email
      phone
      role
    }
    billingAddress {
      ...AddressFields
    }
    shippingAddress {
      ...AddressFields
    }
    orderCount
    lifetimeRevenue
    openReceivables
    lastActivityAt
    allowedCommands
    createdAt
    updatedAt
  }
  ${OWNER_FIELDS}
  ${ADDRESS_FIELDS}
`;

export const ACTIVITY_FIELDS = gql`
  fragment ActivityFields on Activity {
    id
    kind
    subject
    notes
    dueOn
    completed
    completedAt
    subjectType
    subjectId
    loggedBy
    allowedCommands
    createdAt
  }
`;

export const PRODUCT_FIELDS = gql`
  fragment ProductFields on Product {
    id
    sku
    name
    unitPrice
    taxRate
    currency
    active
    allowedCommands
    createdAt
    updatedAt
  }
`;

export const LINE_FIELDS = gql`
  fragment LineFields on QuoteLine {
    productId
    description
    quantity
    unitPrice
    taxRate
    net
    tax
  }
`;

export const QUOTE_FIELDS = gql`
  fragment QuoteFields on Quote {
    id
    clientId
    clientName
    status
    currency
    validUntil
    revision
    lines {
      ...LineFields
    }
    net
    tax
    total
    sentOn
    acceptedOn
    rejectionReason
    orderId
    allowedCommands
    createdAt
    updatedAt
  }
  ${LINE_FIELDS}
`;

export const ORDER_FIELDS = gql`
  fragment OrderFields on Order {
    id
    quoteId
    clientId
    clientName
    status
    currency
    lines {
      ...LineFields
    }
    net
    tax
    total
    placedOn
    paymentReference
    paymentFailureReason
    carrier
    trackingNumber
    shippedOn
    deliveredOn
    cancelReason
    invoiceId
    allowedCommands
    createdAt
    updatedAt
  }
  ${LINE_FIELDS}
`;

export const INVOICE_FIELDS = gql`
  fragment InvoiceFields on Invoice {
    id
    number
    orderId
    clientId
    currency
    status
    net
    tax
    total
    amountPaid
    credited
    balanceDue
    issuedOn
    dueOn
    overdue
    sentOn
    paidOn
    voidedOn
    voidReason
    payments {
      id
      amount
      method
      reference
      receivedOn
    }
    creditNotes {
      id
      amount
      net
      tax
      reason
      issuedOn
    }
    allowedCommands
    createdAt
    updatedAt
  }
`;

export const ACCOUNT_FIELDS = gql`
  fragment AccountFields on Account {
    id
    code
    name
    type
    open
    debit
    credit
    balance
    allowedCommands
  }
`;

export const JOURNAL_ENTRY_FIELDS = gql`
  fragment JournalEntryFields on JournalEntry {
    id
    date
    memo
    currency
    lines {
      accountCode
      accountName
      debit
      credit
    }
    total
    sourceType
    sourceId
    reversalOf
    reversedBy
    reversalReason
    postedBy
    postedAt
    allowedCommands
  }
`;
