import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
import { CommandEnv } from '../../shared/command/command-spec';
import { ACCOUNTANTS } from '../../shared/command/command-roles';
import { toMinor } from '../../shared/domain/money';
import { accountIdFor, chartDecider, chartIdFor } from '../domain/chart';
import { chartStream } from '../domain/chart.events';
import { journalEntryDecider, reversalIdFor } from '../domain/journal-entry';
import { journalEntryStream } from '../domain/journal-entry.events';
import { ACCOUNTS_PROJECTION, ChartOfAccounts, JOURNAL_PROJECTION, SETTINGS_PROJECTION } from './chart-of-accounts';
import { LedgerQueries } from './ledger.queries';
import { PeriodGate } from './period-gate';

export interface OpenAccountRequest {
  code: string;
  name: string;
  type: string;
}
export interface PostJournalEntryRequest {
  date: string;
  memo: string;
  lines: { accountCode: string; debit?: string; credit?: string }[];
}

/** A posting reads the period lock and appends while no lock is being appended (PeriodGate). */
const asPosting = <T>(env: CommandEnv, work: () => Promise<T>) => env.get(PeriodGate).posting(env.tenantId, work);

/** The tenant's chart is seeded on first use, before any command of it. */
const ensureChart = (_command: unknown, env: CommandEnv) => env.get(ChartOfAccounts).ensure(env.tenantId);

/** One chart per tenant: accounts and the period lock. */
export const chartCommands = commandsFor(
  chartDecider,
  { entity: 'chart of accounts', roles: ACCOUNTANTS, stream: chartStream, answer: { queries: LedgerQueries, readModels: [ACCOUNTS_PROJECTION] } },
  ({ answering }) => ({
    openAccount: answering({
      id: (_input: OpenAccountRequest, env) => chartIdFor(env.tenantId),
      command: (input, chartId, env) => {
        const code = input.code.trim();
        return { type: 'OpenAccount', chartId, accountId: accountIdFor(env.tenantId, code), code, name: input.name, accountType: input.type };
      },
      before: ensureChart,
      answer: (q, tenantId, _id, input) => q.accountOrFail(tenantId, input.code.trim()),
    }),
    closeAccount: answering({
      id: (_input: { code: string }, env) => chartIdFor(env.tenantId),
      command: ({ code }, chartId) => ({ type: 'CloseAccount', chartId, code: code.trim() }),
      probe: (account) => ({ code: String(account.code) }),
      before: ensureChart,
      answer: (q, tenantId, _id, { code }) => q.accountOrFail(tenantId, code.trim()),
    }),
    lockPeriod: answering({
      id: (_input: { through: string }, env) => chartIdFor(env.tenantId),
      command: ({ through }, chartId, env) => ({ type: 'LockPeriod', chartId, through: through.trim(), today: env.today }),
      before: ensureChart,
      // Once the postings in flight have appended, and before any other reads the chart.
      within: (env, work) => env.get(PeriodGate).locking(env.tenantId, work),
      readModels: [SETTINGS_PROJECTION],
      answer: (q, tenantId) => q.period(tenantId),
    }),
  }),
);

/** Journal entries are never edited: posted, and reversed by a mirror entry. */
export const journalEntryCommands = commandsFor(
  journalEntryDecider,
  { entity: 'journal entry', roles: ACCOUNTANTS, stream: journalEntryStream, answer: answerWithRow(LedgerQueries, 'journalEntryOrFail', JOURNAL_PROJECTION) },
  ({ command, answering }) => ({
    postJournalEntry: command({
      creates: 'journal-entry',
      command: async (input: PostJournalEntryRequest, entryId: string, env) => {
        const ledger = env.get(ChartOfAccounts);
        const currency = await ledger.currency(env.tenantId);
        // Malformed amounts are bad input; negative ones reach the rule that names them.
        const lines = input.lines.map((line, index) => ({
          accountCode: line.accountCode,
          debit: toMinor(line.debit ?? '0', currency, `lines.${index}.debit`, { allowNegative: true }),
          credit: toMinor(line.credit ?? '0', currency, `lines.${index}.credit`, { allowNegative: true }),
        }));
        const chart = await ledger.load(env.tenantId);
        return { type: 'PostJournalEntry', entryId, date: input.date.trim(), memo: input.memo, currency, lines, chart };
      },
      within: asPosting,
    }),
    /** Answers the mirror entry, dated today unless a date is given. */
    reverseJournalEntry: answering({
      id: (input: { entryId: string; reason: string; date?: string }) => input.entryId,
      command: async ({ reason, date }, entryId, env) => ({
        type: 'ReverseJournalEntry',
        entryId,
        reversalEntryId: reversalIdFor(entryId),
        reason,
        date: date?.trim() || env.today,
        chart: await env.get(ChartOfAccounts).load(env.tenantId),
      }),
      within: asPosting,
      answer: (q, tenantId, entryId) => q.journalEntryOrFail(tenantId, reversalIdFor(entryId)),
      // Offered on manual entries only: an automatic posting mirrors an invoice, payment or credit note and is
      // corrected there (credit note, void), or the books would disagree with the receivables.
      probe: (entry) => ({ entryId: entry.sourceType || entry.reversalOf ? '' : entry.id, reason: 'probe' }),
    }),
  }),
);
