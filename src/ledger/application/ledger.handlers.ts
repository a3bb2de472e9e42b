import { Injectable } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Caller } from '../../shared/auth/caller';
import { contextFromCaller } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { IdempotencyService } from '../../shared/command/idempotency.service';
import { NotFoundError } from '../../shared/domain/domain-error';
import { deterministicId, isUuid, newId } from '../../shared/domain/ids';
import { toMinor } from '../../shared/domain/money';
import { ProjectionsService } from '../../shared/projection/projections.service';
import { Account, JournalEntry, LedgerPeriod } from '../api/ledger.types';
import { accountIdFor, chartDecider, chartIdFor, ChartCommand } from '../domain/chart';
import { chartStream } from '../domain/chart.events';
import { todayUtc } from '../domain/dates';
import { journalEntryDecider, reversalIdFor } from '../domain/journal-entry';
import { journalEntryStream } from '../domain/journal-entry.events';
import { ACCOUNTS_PROJECTION, ChartOfAccounts, JOURNAL_PROJECTION, SETTINGS_PROJECTION } from './chart-of-accounts';
import { CloseAccountCommand, LockPeriodCommand, OpenAccountCommand, PostJournalEntryCommand, ReverseJournalEntryCommand } from './ledger.commands';
import { LedgerQueries } from './ledger.queries';

/** The shared path of chart commands: idempotency, seed, decide and append, then read-your-writes. */
@Injectable()
export class ChartCommandPipeline {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly idempotency: IdempotencyService,
    private readonly projections: ProjectionsService,
    private readonly chart: ChartOfAccounts,
  ) {}

  handle<T>(caller: Caller, operation: string, request: object, command: ChartCommand, projection: string, read: () => Promise<T>): Promise<T> {
    return this.idempotency.run(caller.tenantId, caller.idempotencyKey, operation, request, async () => {
      await this.chart.ensure(caller.tenantId);
      const { position } = await this.runner.run(chartDecider, chartStream(chartIdFor(caller.tenantId)), command, contextFromCaller(caller));
      await this.projections.waitFor([projection], position);
      return read();
    });
  }
}

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand, Account> {
  constructor(
    private readonly pipeline: ChartCommandPipeline,
    private readonly queries: LedgerQueries,
  ) {}

  execute({ input, caller }: OpenAccountCommand) {
    const code = input.code.trim();
    const command: ChartCommand = {
      type: 'OpenAccount',
      chartId: chartIdFor(caller.tenantId),
      accountId: accountIdFor(caller.tenantId, code),
      code,
      name: input.name,
      accountType: input.type,
    };
    return this.pipeline.handle(caller, 'openAccount', input, command, ACCOUNTS_PROJECTION, () => this.queries.accountOrFail(caller.tenantId, code));
  }
}

@CommandHandler(CloseAccountCommand)
export class CloseAccountHandler implements ICommandHandler<CloseAccountCommand, Account> {
  constructor(
    private readonly pipeline: ChartCommandPipeline,
    private readonly queries: LedgerQueries,
  ) {}

  execute({ code, caller }: CloseAccountCommand) {
    const command: ChartCommand = { type: 'CloseAccount', chartId: chartIdFor(caller.tenantId), code: code.trim() };
    return this.pipeline.handle(caller, 'closeAccount', { code }, command, ACCOUNTS_PROJECTION, () => this.queries.accountOrFail(caller.tenantId, code.trim()));
  }
}

@CommandHandler(LockPeriodCommand)
export class LockPeriodHandler implements ICommandHandler<LockPeriodCommand, LedgerPeriod> {
  constructor(
    private readonly pipeline: ChartCommandPipeline,
    private readonly queries: LedgerQueries,
  ) {}

  execute({ through, caller }: LockPeriodCommand) {
    const command: ChartCommand = { type: 'LockPeriod', chartId: chartIdFor(caller.tenantId), through: through.trim(), today: todayUtc(new Date()) };
    return this.pipeline.handle(caller, 'lockPeriod', { through }, command, SETTINGS_PROJECTION, () => this.queries.period(caller.tenantId));
  }
}

@CommandHandler(PostJournalEntryCommand)
export class PostJournalEntryHandler implements ICommandHandler<PostJournalEntryCommand, JournalEntry> {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly idempotency: IdempotencyService,
    private readonly projections: ProjectionsService,
    private readonly chart: ChartOfAccounts,
    private readonly queries: LedgerQueries,
  ) {}

  execute({ input, caller }: PostJournalEntryCommand): Promise<JournalEntry> {
    return this.idempotency.run(caller.tenantId, caller.idempotencyKey, 'postJournalEntry', input, async () => {
      const currency = await this.chart.currency(caller.tenantId);
      // Malformed amounts are bad input; negative ones reach the rule that names them.
      const lines = input.lines.map((line, index) => ({
        accountCode: line.accountCode,
        debit: toMinor(line.debit ?? '0', currency, `lines.${index}.debit`, { allowNegative: true }),
        credit: toMinor(line.credit ?? '0', currency, `lines.${index}.credit`, { allowNegative: true }),
      }));
      const chart = await this.chart.load(caller.tenantId);
      // With a key, a retried post targets the same entry instead of posting a twin.
      const entryId = caller.idempotencyKey ? deterministicId(caller.tenantId, caller.idempotencyKey, 'journal-entry') : newId();
      const { position } = await this.runner.run(
        journalEntryDecider,
        journalEntryStream(entryId),
        { type: 'PostJournalEntry', entryId, date: input.date.trim(), memo: input.memo, currency, lines, chart },
        contextFromCaller(caller),
      );
      await this.projections.waitFor([JOURNAL_PROJECTION], position);
      return this.queries.journalEntryOrFail(caller.tenantId, entryId);
    });
  }
}

@CommandHandler(ReverseJournalEntryCommand)
export class ReverseJournalEntryHandler implements ICommandHandler<ReverseJournalEntryCommand, JournalEntry> {
  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly idempotency: IdempotencyService,
    private readonly projections: ProjectionsService,
    private readonly chart: ChartOfAccounts,
    private readonly queries: LedgerQueries,
  ) {}

  execute({ entryId, reason, date, caller }: ReverseJournalEntryCommand): Promise<JournalEntry> {
    return this.idempotency.run(caller.tenantId, caller.idempotencyKey, 'reverseJournalEntry', { entryId, reason, date }, async () => {
      if (!isUuid(entryId)) throw new NotFoundError('journal entry', entryId);
      const chart = await this.chart.load(caller.tenantId);
      const reversalEntryId = reversalIdFor(entryId);
      const { position } = await this.runner.run(
        journalEntryDecider,
        journalEntryStream(entryId),
        { type: 'ReverseJournalEntry', entryId, reversalEntryId, reason, date: date?.trim() || todayUtc(new Date()), chart },
        contextFromCaller(caller),
      );
      await this.projections.waitFor([JOURNAL_PROJECTION], position);
      return this.queries.journalEntryOrFail(caller.tenantId, reversalEntryId);
    });
  }
}

export const ledgerCommandHandlers = [
  ChartCommandPipeline,
  OpenAccountHandler,
  CloseAccountHandler,
  LockPeriodHandler,
  PostJournalEntryHandler,
  ReverseJournalEntryHandler,
];
