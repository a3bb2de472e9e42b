import { Module } from '@nestjs/common';
import { LedgerResolver } from './api/ledger.resolver';
import { BillingPostingProcessManager } from './application/billing-posting.process-manager';
import { ChartOfAccounts } from './application/chart-of-accounts';
import { LedgerQueries } from './application/ledger.queries';
import { PeriodGate } from './application/period-gate';

@Module({
  providers: [ChartOfAccounts, PeriodGate, LedgerQueries, BillingPostingProcessManager, LedgerResolver],
  exports: [ChartOfAccounts, LedgerQueries],
})
export class LedgerModule {}
