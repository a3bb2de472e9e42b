import { gql } from '../graphql-tag';

export const SALES_DASHBOARD = gql`
  query SalesDashboard {
    leadPipeline {
      byStatus {
        status
        count
      }
      bySource {
        source
        count
      }
    }
    quotesAwaitingAnswer(limit: 5) {
      count
      total
      currency
      items {
        id
        clientName
        total
        currency
        sentOn
        validUntil
      }
    }
    myTasks(page: 1, perPage: 5) {
      total
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
    }
  }
`;

export const ACCOUNTING_DASHBOARD = gql`
  query AccountingDashboard($asOf: String!) {
    revenueByMonth(months: 12) {
      currency
      months {
        month
        invoiced
        collected
      }
    }
    arAging(asOf: $asOf) {
      currency
      totals {
        current
        days1to30
        days31to60
        days61to90
        over90
        total
      }
    }
    invoices(filter: { overdue: true }, perPage: 5, sortField: "dueOn", sortOrder: ASC) {
      total
      items {
        id
        number
        clientId
        dueOn
        balanceDue
        currency
      }
    }
  }
`;
