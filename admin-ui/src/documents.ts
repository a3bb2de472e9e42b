/** The GraphQL documents the data provider sends: field lists per record type, and the mutations of each resource's commands. */

export const LEAD_FIELDS = 'id name email company phone source status clientId createdAt updatedAt';

export const CLIENT_FIELDS = 'id name email company leadId createdAt';

export const PRODUCT_FIELDS = 'id sku name unitPrice taxRate currency active createdAt updatedAt';

export const LINE_FIELDS = 'productId description quantity unitPrice taxRate net tax';

export const QUOTE_FIELDS = `id clientId clientName status currency validUntil revision lines { ${LINE_FIELDS} } net tax total sentOn acceptedOn
  rejectionReason orderId createdAt updatedAt`;

export const ORDER_FIELDS = `id quoteId clientId clientName status currency lines { ${LINE_FIELDS} } net tax total placedOn paymentReference
  paymentFailureReason carrier trackingNumber shippedOn deliveredOn cancelReason invoiceId createdAt updatedAt`;

export const INVOICE_FIELDS = `id number orderId clientId currency status net tax total amountPaid credited balanceDue issuedOn dueOn overdue
  sentOn paidOn voidedOn voidReason payments { id amount method reference receivedOn }
  creditNotes { id amount net tax reason issuedOn } createdAt updatedAt`;

export const ACCOUNT_FIELDS = 'id code name type open debit credit balance';

export const JOURNAL_ENTRY_FIELDS = `id date memo currency lines { accountCode accountName debit credit } total sourceType sourceId reversalOf
  reversedBy reversalReason postedBy postedAt`;

export const CAPTURE_LEAD = `
  mutation CaptureLead($input: CaptureLeadInput!) { captureLead(input: $input) { ${LEAD_FIELDS} } }`;

export const QUALIFY_LEAD = `mutation QualifyLead($id: ID!) { qualifyLead(id: $id) { ${LEAD_FIELDS} } }`;

export const DISQUALIFY_LEAD = `
  mutation DisqualifyLead($id: ID!, $reason: String!) { disqualifyLead(id: $id, reason: $reason) { ${LEAD_FIELDS} } }`;

export const CONVERT_LEAD = `mutation ConvertLead($id: ID!) { convertLead(id: $id) { ${CLIENT_FIELDS} } }`;

export const CREATE_PRODUCT = `
  mutation CreateProduct($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT_FIELDS} } }`;

export const DRAFT_QUOTE = `mutation DraftQuote($input: DraftQuoteInput!) { draftQuote(input: $input) { ${QUOTE_FIELDS} } }`;

export const REVISE_QUOTE = `
  mutation ReviseQuote($id: ID!, $input: ReviseQuoteInput!) { reviseQuote(id: $id, input: $input) { ${QUOTE_FIELDS} } }`;

export const POST_JOURNAL_ENTRY = `
  mutation PostJournalEntry($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { ${JOURNAL_ENTRY_FIELDS} } }`;

export const TRIAL_BALANCE = `
  query TrialBalance($asOf: String!) {
    trialBalance(asOf: $asOf) { asOf currency totalDebit totalCredit lines { accountCode accountName accountType debit credit } }
  }`;

export const AR_AGING = `
  query ArAging($asOf: String!) {
    arAging(asOf: $asOf) {
      asOf currency
      lines { clientId clientName invoiceCount current days1to30 days31to60 days61to90 over90 total }
      totals { current days1to30 days31to60 days61to90 over90 total }
    }
  }`;

export const HISTORY = `
  query History($entity: String!, $id: ID!) {
    history(entity: $entity, id: $id) { type revision position recordedAt data metadata }
  }`;

/** A mutation taking an id (named `idName`) and answering the resource's fields. */
export const byId = (name: string, fields: string, idName = 'id', extra: Record<string, string> = {}) => {
  const declarations = Object.entries(extra)
    .map(([arg, type]) => `, $${arg}: ${type}`)
    .join('');
  const uses = Object.keys(extra)
    .map((arg) => `, ${arg}: $${arg}`)
    .join('');
  return `mutation ${name[0].toUpperCase()}${name.slice(1)}($${idName}: ID!${declarations}) { ${name}(${idName}: $${idName}${uses}) { ${fields} } }`;
};

export const CHANGE_PRODUCT_PRICE = byId('changeProductPrice', PRODUCT_FIELDS, 'id', { unitPrice: 'String!' });

export const DEACTIVATE_PRODUCT = byId('deactivateProduct', PRODUCT_FIELDS);

export const SEND_QUOTE = byId('sendQuote', QUOTE_FIELDS);

export const ACCEPT_QUOTE = byId('acceptQuote', QUOTE_FIELDS);

export const REJECT_QUOTE = byId('rejectQuote', QUOTE_FIELDS, 'id', { reason: 'String!' });

export const PLACE_ORDER = byId('placeOrder', ORDER_FIELDS, 'quoteId');

export const AUTHORIZE_PAYMENT = byId('authorizePayment', ORDER_FIELDS, 'orderId', { reference: 'String!' });

export const FAIL_PAYMENT = byId('failPayment', ORDER_FIELDS, 'orderId', { reason: 'String!' });

export const SHIP_ORDER = byId('shipOrder', ORDER_FIELDS, 'orderId', { carrier: 'String!', trackingNumber: 'String!' });

export const CONFIRM_DELIVERY = byId('confirmDelivery', ORDER_FIELDS, 'orderId');

export const CANCEL_ORDER = byId('cancelOrder', ORDER_FIELDS, 'orderId', { reason: 'String!' });

export const SEND_INVOICE = byId('sendInvoice', INVOICE_FIELDS);

export const VOID_INVOICE = byId('voidInvoice', INVOICE_FIELDS, 'id', { reason: 'String!' });

export const RECORD_PAYMENT = `
  mutation RecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { ${INVOICE_FIELDS} } }`;

export const ISSUE_CREDIT_NOTE = `
  mutation IssueCreditNote($input: IssueCreditNoteInput!) { issueCreditNote(input: $input) { ${INVOICE_FIELDS} } }`;

export const REVERSE_JOURNAL_ENTRY = byId('reverseJournalEntry', JOURNAL_ENTRY_FIELDS, 'id', { reason: 'String!' });
