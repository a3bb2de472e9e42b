import { deciderSpec, itRefuses } from '../../shared/domain/decider-spec';
import { fold } from '../../shared/domain/decider';
import { chartDecider, chartIdFor, accountIdFor, seedChartCommand, Chart } from './chart';
import { ChartEvent } from './chart.events';
import { cr, dr, journalEntryDecider, reversalIdFor, PostJournalEntry as Post, ReverseJournalEntry } from './journal-entry';
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
  lines: [dr('6100', 120000), cr('1000', 120000)],
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
    lines: [cr('6100', 120000), dr('1000', 120000)],
    source: null,
  },
};

describe('Journal entry', () => {
  describe('postJournalEntry', () => {
    it('posts a balanced entry', () => given([]).when(post).then([posted]));
    it('posts an entry of three lines or more', () => {
      const lines = [dr('1100', 1200), cr('4000', 1000), cr('2200', 200)];
      given([])
        .when({ ...post, lines })
        .then([{ ...posted, data: { ...posted.data, lines } }]);
    });
    itRefuses(given([]).when, post, [
      ['refuses an unbalanced entry', { lines: [dr('6100', 120000), cr('1000', 119999)] }, 'UNBALANCED_ENTRY'],
      ['refuses a single line', { lines: [dr('6100', 0)] }, 'TOO_FEW_LINES'],
      ['refuses no lines', { lines: [] }, 'TOO_FEW_LINES'],
      [
        'refuses a line with both a debit and a credit',
        { lines: [{ accountCode: '6100', debit: 100, credit: 100 }, dr('1000', 0)] },
        'LINE_HAS_DEBIT_AND_CREDIT',
      ],
      ['refuses a line with neither', { lines: [dr('6100', 100), dr('1000', 0)] }, 'LINE_AMOUNT_ZERO'],
      ['refuses a negative amount', { lines: [dr('6100', -100), dr('1000', -100)] }, 'NEGATIVE_AMOUNT'],
      ['refuses an unknown account', { lines: [dr('6100', 100), cr('9999', 100)] }, 'UNKNOWN_ACCOUNT'],
      ['refuses a closed account', { chart: chart(rentOpened, rentClosed) }, 'ACCOUNT_CLOSED'],
      ['refuses a date in a locked period', { date: '2026-01-31', chart: lockedJan }, 'PERIOD_LOCKED'],
    ]);
    it('accepts the first day after the locked period', () =>
      given([])
        .when({ ...post, chart: lockedJan })
        .then([posted]));
    itRefuses(given([]).when, post, [
      ['refuses a date that does not exist', { date: '2026-02-29' }, 'INVALID_DATE'],
      ['refuses a blank memo', { memo: '  ' }, 'MEMO_REQUIRED'],
    ]);
    it('is posted once: the same entry id again is refused', () => given([posted]).when(post).thenThrows('ENTRY_ALREADY_POSTED'));
  });

  describe('reverseJournalEntry', () => {
    it('posts the mirror entry', () => given([posted]).when(reverse).then([reversed]));
    it('reverses once only', () => given([posted, reversed]).when(reverse).thenThrows('ENTRY_ALREADY_REVERSED'));
    it('refuses an entry that does not exist', () => given([]).when(reverse).thenThrows('NOT_FOUND'));
    itRefuses(given([posted]).when, reverse, [
      ['requires a reason', { reason: ' ' }, 'REASON_REQUIRED'],
      [
        'refuses a date in a locked period',
        { chart: chart(rentOpened, { type: 'PeriodLocked', data: { chartId, through: '2026-02-10', previous: null } }) },
        'PERIOD_LOCKED',
      ],
      ['refuses a date before the entry', { date: '2026-01-31' }, 'REVERSAL_BEFORE_ENTRY'],
    ]);
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
