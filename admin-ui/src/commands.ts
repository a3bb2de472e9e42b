/** Every command's mutation, answering the record it changed (its fields as the screens show them). */
import { gql } from './graphql-tag';
import {
  ACCOUNT_FIELDS,
  ACTIVITY_FIELDS,
  CLIENT_FIELDS,
  INVOICE_FIELDS,
  JOURNAL_ENTRY_FIELDS,
  LEAD_FIELDS,
  ORDER_FIELDS,
  PRODUCT_FIELDS,
  QUOTE_FIELDS,
} from './documents';

export const CAPTURE_LEAD = gql`
  mutation CaptureLead($input: CaptureLeadInput!) {
    captureLead(input: $input) {
      ...LeadFields
    }
  }
  ${LEAD_FIELDS}
`;

export const QUALIFY_LEAD = gql`
  mutation QualifyLead($id: ID!) {
    qualifyLead(id: $id) {
      ...LeadFields
    }
  }
  ${LEAD_FIELDS}
`;

export const DISQUALIFY_LEAD = gql`
  mutation DisqualifyLead($id: ID!, $reason: String!) {
    disqualifyLead(id: $id, reason: $reason) {
      ...LeadFields
    }
  }
  ${LEAD_FIELDS}
`;

export const CONVERT_LEAD = gql`
  mutation ConvertLead($id: ID!) {
    convertLead(id: $id) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const ASSIGN_LEAD_OWNER = gql`
  mutation AssignLeadOwner($id: ID!, $ownerId: ID!) {
    assignLeadOwner(id: $id, ownerId: $ownerId) {
      ...LeadFields
    }
  }
  ${LEAD_FIELDS}
`;

export const REGISTER_CLIENT = gql`
  mutation RegisterClient($input: RegisterClientInput!) {
    registerClient(input: $input) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const UPDATE_CLIENT_DETAILS = gql`
  mutation UpdateClientDetails($id: ID!, $input: UpdateClientDetailsInput!) {
    updateClientDetails(id: $id, input: $input) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const ARCHIVE_CLIENT = gql`
  mutation ArchiveClient($id: ID!, $reason: String) {
    archiveClient(id: $id, reason: $reason) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const RESTORE_CLIENT = gql`
  mutation RestoreClient($id: ID!) {
    restoreClient(id: $id) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const ADD_CONTACT = gql`
  mutation AddContact($clientId: ID!, $input: AddContactInput!) {
    addContact(clientId: $clientId, input: $input) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const REMOVE_CONTACT = gql`
  mutation RemoveContact($clientId: ID!, $contactId: ID!) {
    removeContact(clientId: $clientId, contactId: $contactId) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const SET_CLIENT_ADDRESS = gql`
  mutation SetClientAddress($clientId: ID!, $kind: AddressKind!, $input: SetClientAddressInput!) {
    setClientAddress(clientId: $clientId, kind: $kind, input: $input) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const ASSIGN_CLIENT_OWNER = gql`
  mutation AssignClientOwner($id: ID!, $ownerId: ID!) {
    assignClientOwner(id: $id, ownerId: $ownerId) {
      ...ClientFields
    }
  }
  ${CLIENT_FIELDS}
`;

export const LOG_ACTIVITY = gql`
  mutation LogActivity($input: LogActivityInput!) {
    logActivity(input: $input) {
      ...ActivityFields
    }
  }
  ${ACTIVITY_FIELDS}
`;

export const COMPLETE_TASK = gql`
  mutation CompleteTask($id: ID!) {
    completeTask(id: $id) {
      ...ActivityFields
    }
  }
  ${ACTIVITY_FIELDS}
`;

export const CREATE_PRODUCT = gql`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS}
`;

export const CHANGE_PRODUCT_PRICE = gql`
  mutation ChangeProductPrice($id: ID!, $unitPrice: String!) {
    changeProductPrice(id: $id, unitPrice: $unitPrice) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS}
`;

export const DEACTIVATE_PRODUCT = gql`
  mutation DeactivateProduct($id: ID!) {
    deactivateProduct(id: $id) {
      ...ProductFields
    }
  }
  ${PRODUCT_FIELDS}
`;

export const DRAFT_QUOTE = gql`
  mutation DraftQuote($input: DraftQuoteInput!) {
    draftQuote(input: $input) {
      ...QuoteFields
    }
  }
  ${QUOTE_FIELDS}
`;

export const REVISE_QUOTE = gql`
  mutation ReviseQuote($id: ID!, $input: ReviseQuoteInput!) {
    reviseQuote(id: $id, input: $input) {
      ...QuoteFields
    }
  }
  ${QUOTE_FIELDS}
`;

export const SEND_QUOTE = gql`
  mutation SendQuote($id: ID!) {
    sendQuote(id: $id) {
      ...QuoteFields
    }
  }
  ${QUOTE_FIELDS}
`;

export const ACCEPT_QUOTE = gql`
  mutation AcceptQuote($id: ID!) {
    acceptQuote(id: $id) {
      ...QuoteFields
    }
  }
  ${QUOTE_FIELDS}
`;

export const REJECT_QUOTE = gql`
  mutation RejectQuote($id: ID!, $reason: String!) {
    rejectQuote(id: $id, reason: $reason) {
      ...QuoteFields
    }
  }
  ${QUOTE_FIELDS}
`;

export const PLACE_ORDER = gql`
  mutation PlaceOrder($quoteId: ID!) {
    placeOrder(quoteId: $quoteId) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

export const AUTHORIZE_PAYMENT = gql`
  mutation AuthorizePayment($orderId: ID!, $reference: String!) {
    authorizePayment(orderId: $orderId, reference: $reference) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

export const FAIL_PAYMENT = gql`
  mutation FailPayment($orderId: ID!, $reason: String!) {
    failPayment(orderId: $orderId, reason: $reason) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

export const SHIP_ORDER = gql`
  mutation ShipOrder($orderId: ID!, $carrier: String!, $trackingNumber: String!) {
    shipOrder(orderId: $orderId, carrier: $carrier, trackingNumber: $trackingNumber) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

export const CONFIRM_DELIVERY = gql`
  mutation ConfirmDelivery($orderId: ID!) {
    confirmDelivery(orderId: $orderId) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

export const CANCEL_ORDER = gql`
  mutation CancelOrder($orderId: ID!, $reason: String!) {
    cancelOrder(orderId: $orderId, reason: $reason) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

export const SEND_INVOICE = gql`
  mutation SendInvoice($id: ID!) {
    sendInvoice(id: $id) {
      ...InvoiceFields
    }
  }
  ${INVOICE_FIELDS}
`;

export const RECORD_PAYMENT = gql`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      ...InvoiceFields
    }
  }
  ${INVOICE_FIELDS}
`;

export const ISSUE_CREDIT_NOTE = gql`
  mutation IssueCreditNote($input: IssueCreditNoteInput!) {
    issueCreditNote(input: $input) {
      ...InvoiceFields
    }
  }
  ${INVOICE_FIELDS}
`;

export const VOID_INVOICE = gql`
  mutation VoidInvoice($id: ID!, $reason: String!) {
    voidInvoice(id: $id, reason: $reason) {
      ...InvoiceFields
    }
  }
  ${INVOICE_FIELDS}
`;

export const OPEN_ACCOUNT = gql`
  mutation OpenAccount($input: OpenAccountInput!) {
    openAccount(input: $input) {
      ...AccountFields
    }
  }
  ${ACCOUNT_FIELDS}
`;

export const CLOSE_ACCOUNT = gql`
  mutation CloseAccount($code: String!) {
    closeAccount(code: $code) {
      ...AccountFields
    }
  }
  ${ACCOUNT_FIELDS}
`;

export const POST_JOURNAL_ENTRY = gql`
  mutation PostJournalEntry($input: PostJournalEntryInput!) {
    postJournalEntry(input: $input) {
      ...JournalEntryFields
    }
  }
  ${JOURNAL_ENTRY_FIELDS}
`;

export const REVERSE_JOURNAL_ENTRY = gql`
  mutation ReverseJournalEntry($id: ID!, $reason: String!, $date: String) {
    reverseJournalEntry(id: $id, reason: $reason, date: $date) {
      ...JournalEntryFields
    }
  }
  ${JOURNAL_ENTRY_FIELDS}
`;

export const LOCK_PERIOD = gql`
  mutation LockPeriod($through: String!) {
    lockPeriod(through: $through) {
      lockedThrough
    }
  }
`;
