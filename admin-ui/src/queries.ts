/** Each resource's two queries (a page, one record): the data provider sends these and nothing else. */
import { gql } from './graphql-tag';
import {
  ACTIVITY_FIELDS,
  CLIENT_FIELDS,
  INVOICE_FIELDS,
  JOURNAL_ENTRY_FIELDS,
  LEAD_FIELDS,
  ORDER_FIELDS,
  PRODUCT_FIELDS,
  QUOTE_FIELDS,
  ACCOUNT_FIELDS,
} from './documents';

export const LEADS_QUERY = gql`
  query Leads($filter: LeadFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    leads(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      items {
        ...LeadFields
      }
      total
    }
  }
  ${LEAD_FIELDS}
`;

export const LEAD_QUERY = gql`
  query Lead($id: ID!) {
    lead(id: $id) {
      ...LeadFields
    }
  }
  ${LEAD_FIELDS}
`;

export const CLIENTS_QUERY = gql`
  query Clients($filter: ClientFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    clients(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      items {
        ...ClientFields
      }
      total
    }
  }
  ${CLIENT_FIELDS}
`;

export const CLIENT_QUERY = gql`
  query Client($id: ID!) {
    client(id: $id) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const ACTIVITIES_QUERY = gql`
  query Activities($filter: ActivityFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    activities(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      items {
        ...ActivityFields
      }
      total
    }
  }
  ${ACTIVITY_FIELDS}
`;

export const ACTIVITY_QUERY = gql`
  query Activity($id: ID!) {
    activity(id: $id) {
      ...ActivityFields
    }
  }
  ${ACTIVITY_FIELDS}
`;

export const PRODUCTS_QUERY = gql`
  query Products($filter: ProductFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    products(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      items {
        ...ProductFields
      }
      total
    }
  }
  ${PRODUCT_FIELDS}
`;

export const PRODUCT_QUERY = gql`
  query Product($id: ID!) {
    product(id: $id) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS}
`;

export const QUOTES_QUERY = gql`
  query Quotes($filter: QuoteFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    quotes(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      items {
        ...QuoteFields
      }
      total
    }
  }
  ${QUOTE_FIELDS}
`;

export const QUOTE_QUERY = gql`
  query Quote($id: ID!) {
    quote(id: $id) {
      ...QuoteFields
    }
  }
  ${QUOTE_FIELDS}
`;

export const ORDERS_QUERY = gql`
  query Orders($filter: OrderFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    orders(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      items {
        ...OrderFields
      }
      total
    }
  }
  ${ORDER_FIELDS}
`;

export const ORDER_QUERY = gql`
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

export const INVOICES_QUERY = gql`
  query Invoices($filter: InvoiceFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    invoices(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      items {
        ...InvoiceFields
      }
      total
    }
  }
  ${INVOICE_FIELDS}
`;

export const INVOICE_QUERY = gql`
  query Invoice($id: ID!) {
    invoice(id: $id) {
      ...InvoiceFields
    }
  }
  ${INVOICE_FIELDS}
`;

export const JOURNAL_ENTRIES_QUERY = gql`
  query JournalEntries($filter: JournalEntryFilter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    journalEntries(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      items {
        ...JournalEntryFields
      }
      total
    }
  }
  ${JOURNAL_ENTRY_FIELDS}
`;

export const JOURNAL_ENTRY_QUERY = gql`
  query JournalEntry($id: ID!) {
    journalEntry(id: $id) {
      ...JournalEntryFields
    }
  }
  ${JOURNAL_ENTRY_FIELDS}
`;

export const ACCOUNTS_QUERY = gql`
  query Accounts($asOf: String, $page: Int, $perPage: Int, $sortField: String, $sortOrder: SortOrder) {
    accounts(asOf: $asOf, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) {
      items {
        ...AccountFields
      }
      total
    }
  }
  ${ACCOUNT_FIELDS}
`;

export const ACCOUNT_QUERY = gql`
  query Account($code: String!, $asOf: String) {
    account(code: $code, asOf: $asOf) {
      ...AccountFields
    }
  }
  ${ACCOUNT_FIELDS}
`;

export const TRIAL_BALANCE = gql`
  query TrialBalance($asOf: String!) {
    trialBalance(asOf: $asOf) {
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

export const AR_AGING = gql`
  query ArAging($asOf: String!) {
    arAging(asOf: $asOf) {
      asOf
      currency
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
      totals {
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

export const HISTORY = gql`
  query History($entity: String!, $id: ID!) {
    history(entity: $entity, id: $id) {
      type
      revision
      position
      recordedAt
      data
      metadata
    }
  }
`;

export const LEDGER_PERIOD = gql`
  query LedgerPeriod {
    ledgerPeriod {
      lockedThrough
    }
  }
`;

export const ASSIGNABLE_OWNERS = gql`
  query AssignableOwners {
    assignableOwners {
      id
      name
      email
      role
    }
  }
`;

export const MY_TASKS = gql`
  query MyTasks($page: Int, $perPage: Int) {
    myTasks(page: $page, perPage: $perPage) {
      items {
        id
        subject
        dueOn
        overdue
        subjectType
        subjectId
        subjectName
        createdAt
      }
      total
    }
  }
`;
