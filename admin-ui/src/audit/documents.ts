import { gql } from '../graphql-tag';

export const AUDIT_LOG = gql`
  query AuditLog($filter: AuditLogFilter, $page: Int, $perPage: Int) {
    auditLog(filter: $filter, page: $page, perPage: $perPage) {
      total
      items {
        position
        recordedAt
        entity
        entityId
        type
        actor {
          id
          kind
          name
          email
        }
        correlationId
        causationId
        ip
        userAgent
        data
      }
    }
  }
`;

export const AUDIT_THREAD = gql`
  query AuditThread($correlationId: String!) {
    auditThread(correlationId: $correlationId) {
      kind
      position
      at
      entity
      entityId
      type
      actor {
        id
        kind
        name
        email
      }
      causationId
      summary
      data
    }
  }
`;

export const RECORD_CHANGES = gql`
  query RecordChanges($entity: String!, $id: ID!) {
    changes(entity: $entity, id: $id) {
      revision
      position
      recordedAt
      type
      actor {
        id
        kind
        name
        email
      }
      correlationId
      fields {
        field
        before
        after
      }
    }
  }
`;

export const VERIFY_LOG = gql`
  query VerifyLog($from: DateTime, $to: DateTime) {
    verifyLog(from: $from, to: $to) {
      ok
      checked
      firstBrokenPosition
      reason
      headPosition
      headHash
      seals {
        through
        position
        hash
        sealedAt
        actorId
        intact
      }
    }
  }
`;

export const AUDIT_SEALS = gql`
  query AuditSeals {
    auditSeals {
      through
      position
      hash
      sealedAt
      actorId
      intact
    }
  }
`;

export const TRIAL_BALANCE_KNOWN_AT = gql`
  query TrialBalanceKnownAt($asOf: String!, $knownAt: DateTime) {
    trialBalance(asOf: $asOf, knownAt: $knownAt) {
      asOf
      currency
      totalDebit
      totalCredit
      lines {
        accountCode
        accountName
        accountType
        debit
        credit
      }
    }
  }
`;

export const AR_AGING_KNOWN_AT = gql`
  query ArAgingKnownAt($asOf: String!, $knownAt: DateTime) {
    arAging(asOf: $asOf, knownAt: $knownAt) {
      asOf
      currency
      totals {
        current
        days1to30
        days31to60
        days61to90
        over90
        total
      }
      lines {
        clientId
        clientName
        invoiceCount
        current
        days1to30
        days31to60
        days61to90
        over90
        total
      }
    }
  }
`;

/** Each record kind as known at a moment: its own fields (what the log folds), not what other records add. */
export const KNOWN_AT: Record<string, string> = {
  lead: gql`
    query LeadKnownAt($id: ID!, $knownAt: DateTime) {
      record: lead(id: $id, knownAt: $knownAt) {
        id
        name
        email
        company
        phone
        source
        status
        clientId
        ownerId
        createdAt
        updatedAt
      }
    }
  `,
  client: gql`
    query ClientKnownAt($id: ID!, $knownAt: DateTime) {
      record: client(id: $id, knownAt: $knownAt) {
        id
        name
        email
        company
        phone
        leadId
        ownerId
        archived
        archivedReason
        createdAt
        updatedAt
      }
    }
  `,
  product: gql`
    query ProductKnownAt($id: ID!, $knownAt: DateTime) {
      record: product(id: $id, knownAt: $knownAt) {
        id
        sku
        name
        currency
        unitPrice
        taxRate
        active
        createdAt
        updatedAt
      }
    }
  `,
  quote: gql`
    query QuoteKnownAt($id: ID!, $knownAt: DateTime) {
      record: quote(id: $id, knownAt: $knownAt) {
        id
        clientId
        clientName
        status
        revision
        currency
        net
        tax
        total
        validUntil
        sentOn
        acceptedOn
        rejectionReason
        orderId
        createdAt
        updatedAt
      }
    }
  `,
  order: gql`
    query OrderKnownAt($id: ID!, $knownAt: DateTime) {
      record: order(id: $id, knownAt: $knownAt) {
        id
        quoteId
        clientId
        clientName
        status
        currency
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
        createdAt
        updatedAt
      }
    }
  `,
  invoice: gql`
    query InvoiceKnownAt($id: ID!, $knownAt: DateTime) {
      record: invoice(id: $id, knownAt: $knownAt) {
        id
        number
        orderId
        clientId
        status
        currency
        net
        tax
        total
        amountPaid
        credited
        balanceDue
        issuedOn
        dueOn
        sentOn
        paidOn
        voidedOn
        voidReason
        createdAt
        updatedAt
      }
    }
  `,
  journalEntry: gql`
    query JournalEntryKnownAt($id: ID!, $knownAt: DateTime) {
      record: journalEntry(id: $id, knownAt: $knownAt) {
        id
        date
        memo
        currency
        total
        sourceType
        sourceId
        reversalOf
        reversedBy
        reversalReason
        postedBy
        postedAt
      }
    }
  `,
};
