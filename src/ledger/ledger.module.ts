import { Module } from '@nestjs/common';
import { AllowedCommandsResolver } from '../shared/graphql/allowed-commands.resolver';
import { Account, JournalEntry } from './api/ledger.types';
import { chartCommands, journalEntryCommands } from './application/ledger.commands';
import { LedgerResolver } from './api/ledger.resolver';
import { BillingPostingProcessManager } from './application/billing-posting.process-manager';
import { ChartOfAccounts } from './application/chart-of-accounts';
import { LedgerQueries } from './application/ledger.queries';
import { PeriodGate } from './application/period-gate';

@Module({
  providers: [
    ChartOfAccounts,
    PeriodGate,
    LedgerQueries,
    BillingPostingProcessManager,
    LedgerResolver,
    AllowedCommandsResolver(JournalEntry, journalEntryCommands),
    AllowedCommandsResolver(Account, chartCommands),
  ],
  exports: [ChartOfAccounts, LedgerQueries],
})
export class LedgerModule {}
