import { Module } from '@nestjs/common';
import { LedgerResolver } from './api/ledger.resolver';
import { BillingPostingProcessManager } from './application/billing-posting.process-manager';
import { ChartOfAccounts } from './application/chart-of-accounts';
import { LedgerQueries } from './application/ledger.queries';

@Module({
  providers: [ChartOfAccounts, LedgerQueries, BillingPostingProcessManager, LedgerResolver],
  exports: [ChartOfAccounts, LedgerQueries],
})
export class LedgerModule {}
