import { deciderSpec } from '../../shared/domain/decider-spec';
import { fold } from '../../shared/domain/decider';
import { chartDecider, chartIdFor, accountIdFor, seedChartCommand, Chart } from './chart';
import { ChartEvent } from './chart.events';
import { journalEntryDecider, reversalIdFor, PostJournalEntry as Post, ReverseJournalEntry } from './journal-entry';
import { JournalEntryPosted, JournalEntryReversed } from './journal-entry.events';

const given = deciderSpec(journalEntryDecider);
const tenantId = 'acme';
const chartId = chartIdFor(tenantId);
const seeded = chartDecider.decide(seedChartCommand(tenantId), chartDecider.initialState());
const rentOpened: ChartEvent = {
  type: 'AccountOpened',
  data: { chartId, accountId: accountIdFor(tenantId, '6100'), code: '6100', name: 'Rent', accountType: 'EXPENSE' },
};
const rentClosed: ChartEvent = { type: 'AccountClosed', data: { chartId, accountId: accountIdFor(tenantId, '6100'), code: '6100' } };
const chart = (...more: ChartEvent[]): Chart => fold(chartDecider, [...seeded, ...more]);
const open = chart(rentOpened);
const lockedJan = chart(rentOpened, { type: 'PeriodLocked', data: { chartId, through: '2026-01-31', previous: null } });

const entryId = '0b7e4c0e-1f7e-4e8e-9d2b-6f0a1a2b3c4d';
const post: Post = {
  type: 'PostJournalEntry',
  entryId,
  date: '2026-02-01',
  memo: ' February rent ',
  currency: 'USD',
  lines: [
    { accountCode: '6100', debit: 120000, credit: 0 },
    { accountCode: '1000', debit: 0, credit: 120000 },
  ],
  chart: open,
};
const posted: JournalEntryPosted = {
  type: 'JournalEntryPosted',
  data: { entryId, date: '2026-02-01', memo: 'February rent', currency: 'USD', lines: post.lines, source: null },
};
const reverse: ReverseJournalEntry = {
  type: 'ReverseJournalEntry',
  entryId,
  reversalEntryId: reversalIdFor(entryId),
  reason: ' wrong month ',
  date: '2026-02-05',
  chart: open,
};
const reversed: JournalEntryReversed = {
  type: 'JournalEntryReversed',
  data: {
    entryId,
    reversalEntryId: reversalIdFor(entryId),
    date: '2026-02-05',
    memo: 'Reversal of "February rent": wrong month',
    reason: 'wrong month',
    currency: 'USD',
    lines: [
      { accountCode: '6100', debit: 0, credit: 120000 },
      { accountCode: '1000', debit: 120000, credit: 0 },
    ],
    source: null,
  },
};
const withLines = (lines: Post['lines']): Post => ({ ...post, lines });

describe('Journal entry', () => {
  describe('postJournalEntry', () => {
    it('posts a balanced entry', () => given([]).when(post).then([posted]));
    it('posts an entry of three lines or more', () =>
      given([])
        .when(
          withLines([
            { accountCode: '1100', debit: 1200, credit: 0 },
            { accountCode: '4000', debit: 0, credit: 1000 },
            { accountCode: '2200', debit: 0, credit: 200 },
          ]),
        )
        .then([
          {
            ...posted,
            data: {
              ...posted.data,
              lines: [
                { accountCode: '1100', debit: 1200, credit: 0 },
                { accountCode: '4000', debit: 0, credit: 1000 },
                { accountCode: '2200', debit: 0, credit: 200 },
              ],
            },
          },
        ]));
    it('refuses an unbalanced entry', () =>
      given([])
        .when(
          withLines([
            { accountCode: '6100', debit: 120000, credit: 0 },
            { accountCode: '1000', debit: 0, credit: 119999 },
          ]),
        )
        .thenThrows('UNBALANCED_ENTRY'));
    it('refuses a single line', () =>
      given([])
        .when(withLines([{ accountCode: '6100', debit: 0, credit: 0 }]))
        .thenThrows('TOO_FEW_LINES'));
    it('refuses no lines', () => given([]).when(withLines([])).thenThrows('TOO_FEW_LINES'));
    it('refuses a line with both a debit and a credit', () =>
      given([])
        .when(
          withLines([
            { accountCode: '6100', debit: 100, credit: 100 },
            { accountCode: '1000', debit: 0, credit: 0 },
          ]),
        )
        .thenThrows('LINE_HAS_DEBIT_AND_CREDIT'));
    it('refuses a line with neither', () =>
      given([])
        .when(
          withLines([
            { accountCode: '6100', debit: 100, credit: 0 },
            { accountCode: '1000', debit: 0, credit: 0 },
          ]),
        )
        .thenThrows('LINE_AMOUNT_ZERO'));
    it('refuses a negative amount', () =>
      given([])
        .when(
          withLines([
            { accountCode: '6100', debit: -100, credit: 0 },
            { accountCode: '1000', debit: -100, credit: 0 },
          ]),
        )
        .thenThrows('NEGATIVE_AMOUNT'));
    it('refuses an unknown account', () =>
      given([])
        .when(
          withLines([
            { accountCode: '6100', debit: 100, credit: 0 },
            { accountCode: '9999', debit: 0, credit: 100 },
          ]),
        )
        .thenThrows('UNKNOWN_ACCOUNT'));
    it('refuses a closed account', () =>
      given([])
        .when({ ...post, chart: chart(rentOpened, rentClosed) })
        .thenThrows('ACCOUNT_CLOSED'));
    it('refuses a date in a locked period', () =>
      given([])
        .when({ ...post, date: '2026-01-31', chart: lockedJan })
        .thenThrows('PERIOD_LOCKED'));
    it('accepts the first day after the locked period', () =>
      given([])
        .when({ ...post, chart: lockedJan })
        .then([posted]));
    it('refuses a date that does not exist', () =>
      given([])
        .when({ ...post, date: '2026-02-29' })
        .thenThrows('INVALID_DATE'));
    it('refuses a blank memo', () =>
      given([])
        .when({ ...post, memo: '  ' })
        .thenThrows('MEMO_REQUIRED'));
    it('is posted once: the same entry id again is refused', () => given([posted]).when(post).thenThrows('ENTRY_ALREADY_POSTED'));
  });

  describe('reverseJournalEntry', () => {
    it('posts the mirror entry', () => given([posted]).when(reverse).then([reversed]));
    it('reverses once only', () => given([posted, reversed]).when(reverse).thenThrows('ENTRY_ALREADY_REVERSED'));
    it('refuses an entry that does not exist', () => given([]).when(reverse).thenThrows('NOT_FOUND'));
    it('requires a reason', () =>
      given([posted])
        .when({ ...reverse, reason: ' ' })
        .thenThrows('REASON_REQUIRED'));
    it('refuses a date in a locked period', () =>
      given([posted])
        .when({ ...reverse, chart: chart(rentOpened, { type: 'PeriodLocked', data: { chartId, through: '2026-02-10', previous: null } }) })
        .thenThrows('PERIOD_LOCKED'));
    it('refuses a date before the entry', () =>
      given([posted])
        .when({ ...reverse, date: '2026-01-31' })
        .thenThrows('REVERSAL_BEFORE_ENTRY'));
    it('moves an automatic reversal dated before the entry to the entry date', () =>
      given([posted])
        .when({ ...reverse, date: '2026-01-31', notBeforeEntry: true })
        .then([{ ...reversed, data: { ...reversed.data, date: '2026-02-01' } }]));
    it('reverses even when an account has been closed since', () =>
      given([posted])
        .when({ ...reverse, chart: chart(rentOpened, rentClosed) })
        .then([reversed]));
  });
});
