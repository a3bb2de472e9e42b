import { Projection } from '../src/shared/projection/projection';
import { leadsProjection } from './crm/leads.projection';
import { clientsProjection } from './crm/clients.projection';
import { LeadView } from './crm/lead.entity';
import { ClientView } from './crm/client.entity';
import { activitiesProjection } from './crm/activities.projection';
import { clientSummaryProjection } from './crm/client-summary.projection';
import { ActivityView } from './crm/activity.entity';
import { ClientSummaryView } from './crm/client-summary.entity';
import { invoicesProjection } from './orders/invoices.projection';
import { InvoiceView } from './orders/invoice.entity';
import { productsProjection } from './orders/products.projection';
import { quotesProjection } from './orders/quotes.projection';
import { ordersProjection } from './orders/orders.projection';
import { ProductView } from './orders/product.entity';
import { QuoteView } from './orders/quote.entity';
import { OrderView } from './orders/order.entity';
import { accountsProjection, ledgerSettingsProjection } from './ledger/accounts.projection';
import { journalProjection } from './ledger/journal.projection';
import { arInvoicesProjection } from './ledger/ar-aging.projection';
import { webhookEndpointsProjection } from './webhooks/endpoints.projection';
import { ArInvoiceView, JournalEntryView, LedgerAccountView, LedgerSettingsView } from './ledger/entities';
import { apiKeysProjection, tenantsProjection, usersProjection } from './identity/users.projection';
import { ApiKeyView, UserView } from './identity/entities';
import { auditLogProjection } from './audit/audit-log.projection';
import type { AuditedRecord } from '../src/shared/history/known-at';

/** Every projector the app runs (the composition root hands them to the processor runtime). */
export const projections: readonly Projection[] = [
  leadsProjection,
  clientsProjection,
  activitiesProjection,
  clientSummaryProjection,
  invoicesProjection,
  productsProjection,
  quotesProjection,
  ordersProjection,
  accountsProjection,
  ledgerSettingsProjection,
  journalProjection,
  arInvoicesProjection,
  tenantsProjection,
  usersProjection,
  apiKeysProjection,
  webhookEndpointsProjection,
  auditLogProjection,
];

/** The records "as known at" and `changes` fold from the log, with the projection that builds each one's table. */
export const auditedRecords: readonly AuditedRecord[] = [
  { entity: 'lead', category: 'lead', projection: leadsProjection },
  { entity: 'client', category: 'client', projection: clientsProjection },
  { entity: 'activity', category: 'activity', projection: activitiesProjection },
  { entity: 'product', category: 'product', projection: productsProjection },
  { entity: 'quote', category: 'quote', projection: quotesProjection },
  { entity: 'order', category: 'order', projection: ordersProjection },
  { entity: 'invoice', category: 'invoice', projection: invoicesProjection },
];

/** MikroORM entities of the read models. */
export const readModelEntities = [
  LeadView,
  ClientView,
  ActivityView,
  ClientSummaryView,
  InvoiceView,
  ProductView,
  QuoteView,
  OrderView,
  LedgerAccountView,
  LedgerSettingsView,
  JournalEntryView,
  ArInvoiceView,
  UserView,
  ApiKeyView,
];
