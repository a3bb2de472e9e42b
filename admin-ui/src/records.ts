/** The records the admin UI shows, as the GraphQL API answers them. */
import type { RaRecord } from 'react-admin';

export type LeadStatus = 'NEW' | 'QUALIFIED' | 'DISQUALIFIED' | 'CONVERTED';

export type Lead = RaRecord & {
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  source: string | null;
  status: LeadStatus;
  clientId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Client = RaRecord & {
  name: string;
  email: string;
  company: string | null;
  leadId: string | null;
  createdAt: string;
};

export type RecordedEvent = {
  type: string;
  revision: number;
  position: string | number;
  recordedAt: string;
  data: unknown;
  metadata: unknown;
};

export type Product = RaRecord & {
  sku: string;
  name: string;
  unitPrice: string;
  taxRate: string;
  currency: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
};

export type Line = {
  productId: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  net: string;
  tax: string;
};

export type QuoteStatus = 'DRAFT' | 'SENT' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED';

export type Quote = RaRecord & {
  clientId: string;
  clientName: string | null;
  status: QuoteStatus;
  currency: string;
  validUntil: string | null;
  revision: number;
  lines: Line[];
  net: string;
  tax: string;
  total: string;
  sentOn: string | null;
  acceptedOn: string | null;
  rejectionReason: string | null;
  orderId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type OrderStatus = 'PLACED' | 'PAYMENT_AUTHORIZED' | 'PAYMENT_FAILED' | 'SHIPPED' | 'DELIVERED' | 'INVOICED' | 'CLOSED' | 'CANCELLED';

export type Order = RaRecord & {
  quoteId: string;
  clientId: string;
  clientName: string | null;
  status: OrderStatus;
  currency: string;
  lines: Line[];
  net: string;
  tax: string;
  total: string;
  placedOn: string;
  paymentReference: string | null;
  paymentFailureReason: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  shippedOn: string | null;
  deliveredOn: string | null;
  cancelReason: string | null;
  invoiceId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type InvoiceStatus = 'ISSUED' | 'SENT' | 'PARTIALLY_PAID' | 'PAID' | 'VOID';
export type PaymentMethod = 'BANK_TRANSFER' | 'CARD' | 'CASH' | 'CHEQUE' | 'OTHER';

export type Invoice = RaRecord & {
  number: string;
  orderId: string;
  clientId: string;
  currency: string;
  status: InvoiceStatus;
  net: string;
  tax: string;
  total: string;
  amountPaid: string;
  credited: string;
  balanceDue: string;
  issuedOn: string;
  dueOn: string;
  overdue: boolean;
  sentOn: string | null;
  paidOn: string | null;
  voidedOn: string | null;
  voidReason: string | null;
  payments: { id: string; amount: string; method: PaymentMethod; reference: string; receivedOn: string }[];
  creditNotes: { id: string; amount: string; net: string; tax: string; reason: string; issuedOn: string }[];
  createdAt: string;
  updatedAt: string;
};

export type AccountType = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE';

/** Accounts are known by their code: the API's `account(code)`, and the id react-admin routes with. */
export type Account = RaRecord & {
  accountId: string;
  code: string;
  name: string;
  type: AccountType;
  open: boolean;
  debit: string;
  credit: string;
  balance: string;
};

export type JournalEntry = RaRecord & {
  date: string;
  memo: string;
  currency: string;
  lines: { accountCode: string; accountName: string | null; debit: string; credit: string }[];
  total: string;
  sourceType: string | null;
  sourceId: string | null;
  reversalOf: string | null;
  reversedBy: string | null;
  reversalReason: string | null;
  postedBy: string;
  postedAt: string;
};

export type TrialBalance = {
  asOf: string;
  currency: string;
  lines: { accountCode: string; accountName: string; accountType: AccountType; debit: string; credit: string }[];
  totalDebit: string;
  totalCredit: string;
};

export type ArAging = {
  asOf: string;
  currency: string;
  lines: {
    clientId: string;
    clientName: string | null;
    invoiceCount: number;
    current: string;
    days1to30: string;
    days31to60: string;
    days61to90: string;
    over90: string;
    total: string;
  }[];
  totals: { current: string; days1to30: string; days31to60: string; days61to90: string; over90: string; total: string };
};
