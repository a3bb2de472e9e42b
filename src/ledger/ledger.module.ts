import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LedgerResolver } from './api/ledger.resolver';
import { BillingPostingProcessManager } from './application/billing-posting.process-manager';
import { ChartOfAccounts } from './application/chart-of-accounts';
import { ledgerCommandHandlers } from './application/ledger.handlers';
import { LedgerQueries } from './application/ledger.queries';

@Module({
  imports: [CqrsModule],
  providers: [...ledgerCommandHandlers, ChartOfAccounts, LedgerQueries, BillingPostingProcessManager, LedgerResolver],
  exports: [ChartOfAccounts, LedgerQueries],
})
export class LedgerModule {}
