import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Caller } from '../../shared/auth/caller';
import { CommandMutation } from '../../shared/graphql/command-mutation';
import { ListArgs } from '../../shared/graphql/list.types';
import { RecordResolver } from '../../shared/graphql/record.resolver';
import { asKnownAt } from '../../shared/history/known-at';
import { chartCommands, journalEntryCommands } from '../application/ledger.commands';
import { LedgerQueries } from '../application/ledger.queries';
import {
  Account,
  AccountList,
  ArAging,
  JournalEntry,
  JournalEntryFilter,
  JournalEntryList,
  LedgerPeriod,
  OpenAccountInput,
  PostJournalEntryInput,
  TrialBalance,
} from './ledger.types';

/** The ledger: every role reads it; accountants and admins post, reverse, lock and open accounts. */
@Resolver()
export class LedgerResolver extends RecordResolver(LedgerQueries, {
  one: { name: 'journalEntry', type: JournalEntry, read: (queries, tenantId, id) => queries.journalEntry(tenantId, id) },
  list: {
    name: 'journalEntries',
    type: JournalEntryList,
    filter: JournalEntryFilter,
    description: 'Journal entries with their lines, newest first; filter by account for its general ledger; sorts on date, postedAt, total',
    read: (queries, tenantId, filter, list) => queries.journalEntries(tenantId, filter, list),
  },
}) {
  @Query(() => AccountList, { description: 'The chart of accounts with balances as of a date (today and beyond when omitted); sorts on code, name, type' })
  accounts(
    @Args() list: ListArgs,
    @Args('asOf', { type: () => String, nullable: true }) asOf: string | undefined,
    @Args('knownAt', { type: () => Date, nullable: true, description: 'The books as known at that moment' }) knownAt: Date | undefined,
    @Caller() caller: Caller,
  ) {
    return asKnownAt(knownAt, () => this.queries.accounts(caller.tenantId, asOf, list));
  }

  @Query(() => Account, { nullable: true })
  account(
    @Args('code') code: string,
    @Args('asOf', { type: () => String, nullable: true }) asOf: string | undefined,
    @Args('knownAt', { type: () => Date, nullable: true, description: 'The books as known at that moment' }) knownAt: Date | undefined,
    @Caller() caller: Caller,
  ) {
    return asKnownAt(knownAt, () => this.queries.account(caller.tenantId, code, asOf));
  }

  @Query(() => TrialBalance)
  trialBalance(
    @Args('asOf') asOf: string,
    @Args('knownAt', { type: () => Date, nullable: true, description: 'The books as known at that moment' }) knownAt: Date | undefined,
    @Caller() caller: Caller,
  ) {
    return asKnownAt(knownAt, () => this.queries.trialBalance(caller.tenantId, asOf));
  }

  @Query(() => ArAging)
  arAging(
    @Args('asOf') asOf: string,
    @Args('knownAt', { type: () => Date, nullable: true, description: 'The books as known at that moment' }) knownAt: Date | undefined,
    @Caller() caller: Caller,
  ) {
    return asKnownAt(knownAt, () => this.queries.arAging(caller.tenantId, asOf));
  }

  @Query(() => LedgerPeriod)
  ledgerPeriod(@Caller() caller: Caller) {
    return this.queries.period(caller.tenantId);
  }

  @CommandMutation(chartCommands.openAccount, () => Account)
  openAccount(@Args('input') input: OpenAccountInput, @Caller() caller: Caller) {
    return this.commands.execute(chartCommands.openAccount, input, caller);
  }

  @CommandMutation(chartCommands.closeAccount, () => Account, {
    description: 'A closed account takes no new postings; the accounts automatic postings use cannot be closed',
  })
  closeAccount(@Args('code') code: string, @Caller() caller: Caller) {
    return this.commands.execute(chartCommands.closeAccount, { code }, caller);
  }

  @CommandMutation(journalEntryCommands.postJournalEntry, () => JournalEntry)
  postJournalEntry(@Args('input') input: PostJournalEntryInput, @Caller() caller: Caller) {
    return this.commands.execute(journalEntryCommands.postJournalEntry, input, caller);
  }

  @CommandMutation(journalEntryCommands.reverseJournalEntry, () => JournalEntry, {
    description: 'Posts the mirror entry (dated today unless a date is given) and answers it; an entry is reversed once',
  })
  reverseJournalEntry(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @Args('date', { type: () => String, nullable: true }) date: string | undefined,
    @Caller() caller: Caller,
  ) {
    return this.commands.execute(journalEntryCommands.reverseJournalEntry, { entryId: id, reason, date }, caller);
  }

  @CommandMutation(chartCommands.lockPeriod, () => LedgerPeriod, {
    description: 'Locks the books through a date (only forwards, only a period that has ended)',
  })
  lockPeriod(@Args('through') through: string, @Caller() caller: Caller) {
    return this.commands.execute(chartCommands.lockPeriod, { through }, caller);
  }
}
