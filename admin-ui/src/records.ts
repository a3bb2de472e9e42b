/** The records the admin UI shows: the generated types of the documents' fragments (see documents.ts). */
import type {
  AccountFieldsFragment,
  ActivityFieldsFragment,
  ArAgingQuery,
  ClientFieldsFragment,
  HistoryQuery,
  InvoiceFieldsFragment,
  JournalEntryFieldsFragment,
  LeadFieldsFragment,
  OrderFieldsFragment,
  ProductFieldsFragment,
  QuoteFieldsFragment,
  TrialBalanceQuery,
} from './generated/graphql';

export type { AccountType, ActivityKind, InvoiceStatus, LeadStatus, OrderStatus, PaymentMethod, QuoteStatus } from './generated/graphql';

export type Lead = LeadFieldsFragment;
export type Client = ClientFieldsFragment;
export type Activity = ActivityFieldsFragment;
export type Product = ProductFieldsFragment;
export type Quote = QuoteFieldsFragment;
export type Line = Quote['lines'][number];
export type Order = OrderFieldsFragment;
export type Invoice = InvoiceFieldsFragment;
/** Accounts are known by their code: the API's `account(code)`, and the id react-admin routes with. */
export type Account = Omit<AccountFieldsFragment, 'id'> & { id: string; accountId: string };
export type JournalEntry = JournalEntryFieldsFragment;
export type TrialBalance = TrialBalanceQuery['trialBalance'];
export type ArAging = ArAgingQuery['arAging'];
export type RecordedEvent = HistoryQuery['history'][number];

/** A record that says which commands its caller may run on it now (computed by the server's deciders). */
export type Commandable = { id: string | number; allowedCommands: readonly string[] };
