/**
 * The billing events the orders context publishes to other contexts (the ledger posts from
 * them). Stored type names, never renamed. Money fields are integer minor units of `currency`;
 * dates are business dates, 'YYYY-MM-DD'.
 */
export type InvoiceIssued = {
  type: 'InvoiceIssued';
  data: {
    invoiceId: string;
    number: string; // INV-2026-000001, gapless per tenant
    orderId: string;
    clientId: string;
    currency: string;
    issuedOn: string;
    dueOn: string;
    net: number;
    tax: number;
    total: number;
  };
};

export type PaymentRecorded = {
  type: 'PaymentRecorded';
  data: {
    invoiceId: string;
    paymentId: string;
    clientId: string;
    currency: string;
    amount: number;
    method: string;
    reference: string;
    receivedOn: string;
  };
};

/** A credit against an invoice; `net` + `tax` = `amount`, split in the invoice's proportion. */
export type CreditNoteIssued = {
  type: 'CreditNoteIssued';
  data: {
    invoiceId: string;
    creditNoteId: string;
    clientId: string;
    currency: string;
    amount: number;
    net: number;
    tax: number;
    reason: string;
    issuedOn: string;
  };
};

/** Only an invoice with no payment can be voided; the ledger reverses its issue posting. */
export type InvoiceVoided = {
  type: 'InvoiceVoided';
  data: { invoiceId: string; clientId: string; currency: string; net: number; tax: number; total: number; reason: string; voidedOn: string };
};

export type BillingEvent = InvoiceIssued | PaymentRecorded | CreditNoteIssued | InvoiceVoided;
export const BILLING_EVENT_TYPES = ['InvoiceIssued', 'PaymentRecorded', 'CreditNoteIssued', 'InvoiceVoided'] as const;
