import { Migration20261121000100EventStore } from './Migration20261121000100EventStore';
import { Migration20261121000200Identity } from './Migration20261121000200Identity';
import { Migration20261121000300CrmReadModels } from './Migration20261121000300CrmReadModels';
import { Migration20261121000400Integration } from './Migration20261121000400Integration';
import { Migration20261121204500CrmBreadth } from './Migration20261121204500CrmBreadth';
import { Migration20261121204800OrdersReadModels } from './Migration20261121204800OrdersReadModels';
import { Migration20261121204930LedgerReadModels } from './Migration20261121204930LedgerReadModels';
import { Migration20261121205000InvoiceReadModels } from './Migration20261121205000InvoiceReadModels';
import { Migration20261201000100ProcessorCheckpoints } from './Migration20261201000100ProcessorCheckpoints';
import { Migration20261201000200ProcessorFencing } from './Migration20261201000200ProcessorFencing';
import { Migration20261202000100IdentityContext } from './Migration20261202000100IdentityContext';
import { Migration20261202000200IdempotencyExpiry } from './Migration20261202000200IdempotencyExpiry';
import { Migration20261202000300InvoiceOverdue } from './Migration20261202000300InvoiceOverdue';
import { Migration20261202000400Webhooks } from './Migration20261202000400Webhooks';
import { Migration20261202000500Notifications } from './Migration20261202000500Notifications';
import { Migration20261202000600Audit } from './Migration20261202000600Audit';
import { Migration20261202013000SharedLoginLimits } from './Migration20261202013000SharedLoginLimits';

/** In order. Listed explicitly so the compiled app and the tests run the same migrations. */
export const migrations = [
  { name: 'Migration20261121000100EventStore', class: Migration20261121000100EventStore },
  { name: 'Migration20261121000200Identity', class: Migration20261121000200Identity },
  { name: 'Migration20261121000300CrmReadModels', class: Migration20261121000300CrmReadModels },
  { name: 'Migration20261121000400Integration', class: Migration20261121000400Integration },
  { name: 'Migration20261121204500CrmBreadth', class: Migration20261121204500CrmBreadth },
  { name: 'Migration20261121204800OrdersReadModels', class: Migration20261121204800OrdersReadModels },
  { name: 'Migration20261121204930LedgerReadModels', class: Migration20261121204930LedgerReadModels },
  { name: 'Migration20261121205000InvoiceReadModels', class: Migration20261121205000InvoiceReadModels },
  { name: 'Migration20261201000100ProcessorCheckpoints', class: Migration20261201000100ProcessorCheckpoints },
  { name: 'Migration20261201000200ProcessorFencing', class: Migration20261201000200ProcessorFencing },
  { name: 'Migration20261202000100IdentityContext', class: Migration20261202000100IdentityContext },
  { name: 'Migration20261202000200IdempotencyExpiry', class: Migration20261202000200IdempotencyExpiry },
  { name: 'Migration20261202000300InvoiceOverdue', class: Migration20261202000300InvoiceOverdue },
  { name: 'Migration20261202000400Webhooks', class: Migration20261202000400Webhooks },
  { name: 'Migration20261202000500Notifications', class: Migration20261202000500Notifications },
  { name: 'Migration20261202000600Audit', class: Migration20261202000600Audit },
  { name: 'Migration20261202013000SharedLoginLimits', class: Migration20261202013000SharedLoginLimits },
];
