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
  webhookEndpointsProjection,
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
];
