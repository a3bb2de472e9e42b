import { assertNever, recordDecider } from '../../shared/domain/decider';
import { checkedAmount, formatMinor } from '../../shared/domain/money';
import { existing } from '../../shared/domain/guards';
import { deterministicId } from '../../shared/domain/ids';
import { Chart, lockedThrough } from './chart';
import { isValidDate } from './dates';
import { EntrySource, JournalEntryEvent, JournalLine } from './journal-entry.events';
import { LedgerError, LedgerErrorCode } from './ledger.error';
import { journalEntryEvents } from './ledger.events';

export type PostJournalEntry = {
  type: 'PostJournalEntry';
  entryId: string;
  date: string;
  memo: string;
  currency: string;
  lines: JournalLine[];
  source?: EntrySource | null;
  /** The tenant's chart as it stands: which accounts are open, which period is locked. */
  chart: Chart;
};
export type ReverseJournalEntry = {
  type: 'ReverseJournalEntry';
  entryId: string;
  reversalEntryId: string;
  reason: string;
  date: string;
  chart: Chart;
  source?: EntrySource | null;
  /** Automatic reversals: a date before the entry's own moves to the entry's date instead of being refused. */
  notBeforeEntry?: boolean;
};
export type JournalEntryCommand = PostJournalEntry | ReverseJournalEntry;

export type JournalEntry =
  { status: 'NONE' } | { status: 'POSTED'; id: string; date: string; memo: string; currency: string; lines: JournalLine[]; reversedBy: string | null };

/** A line that debits (`dr`) or credits (`cr`) one account. */
export const dr = (accountCode: string, amount: number): JournalLine => ({ accountCode, debit: amount, credit: 0 });
export const cr = (accountCode: string, amount: number): JournalLine => ({ accountCode, debit: 0, credit: amount });

/** Whoever reverses an entry (a person, or a voided invoice), the mirror entry has this id. */
export const reversalIdFor = (entryId: string) => deterministicId('journal-entry-reversal', entryId);

const refuseLocked = (date: string, chart: Chart) => {
  const through = lockedThrough(chart);
  if (through && date <= through)
    throw new LedgerError(LedgerErrorCode.PeriodLocked, `The books are locked through ${through}; date the entry after that`, { lockedThrough: through });
};

const checkLines = (lines: JournalLine[], chart: Chart, currency: string) => {
  if (lines.length < 2) throw new LedgerError(LedgerErrorCode.TooFewLines, `A journal entry needs at least two lines; it has ${lines.length}`);
  // Summed in BigInt: floats lose cents once a sum passes 2^53 minor units, and a wrong sum could balance.
  let debits = 0n;
  let credits = 0n;
  lines.forEach((line, index) => {
    const at = `Line ${index + 1} (account ${line.accountCode})`;
    if (line.debit < 0 || line.credit < 0)
      throw new LedgerError(LedgerErrorCode.NegativeAmount, `${at}: amounts cannot be negative; put the amount on the other side instead`);
    if (line.debit !== 0 && line.credit !== 0)
      throw new LedgerError(LedgerErrorCode.LineHasDebitAndCredit, `${at} has both a debit and a credit; split it into two lines`);
    if (line.debit === 0 && line.credit === 0) throw new LedgerError(LedgerErrorCode.LineAmountZero, `${at} has neither a debit nor a credit`);
    const account = chart.status === 'OPEN' ? chart.accounts[line.accountCode] : undefined;
    if (!account) throw new LedgerError(LedgerErrorCode.UnknownAccount, `${at}: there is no account ${line.accountCode} in the chart of accounts`);
    if (!account.open) throw new LedgerError(LedgerErrorCode.AccountClosed, `${at}: account ${account.code} (${account.name}) is closed`);
    debits += BigInt(line.debit);
    credits += BigInt(line.credit);
  });
  if (debits !== credits)
    throw new LedgerError(
      LedgerErrorCode.Unbalanced,
      `Debits (${formatMinor(debits, currency)}) and credits (${formatMinor(credits, currency)}) differ by ${formatMinor(debits > credits ? debits - credits : credits - debits, currency)} ${currency}; an entry must balance`,
      {
        debits: formatMinor(debits, currency),
        credits: formatMinor(credits, currency),
      },
    );
  checkedAmount(debits, currency, 'lines', 'the sum of the debits');
};

export const decide = (command: JournalEntryCommand, state: JournalEntry): JournalEntryEvent[] => {
  switch (command.type) {
    case 'PostJournalEntry': {
      if (state.status !== 'NONE') throw new LedgerError(LedgerErrorCode.EntryAlreadyPosted, `Journal entry ${command.entryId} is already posted`);
      if (!isValidDate(command.date)) throw new LedgerError(LedgerErrorCode.InvalidDate, `"${command.date}" is not a date such as 2026-03-31`);
      const memo = LedgerError.requiredText(command.memo, LedgerErrorCode.MemoRequired, 'Say what the entry is for in its memo');
      const lines = command.lines.map((line) => ({ accountCode: line.accountCode.trim(), debit: line.debit, credit: line.credit }));
      checkLines(lines, command.chart, command.currency);
      refuseLocked(command.date, command.chart);
      return [
        {
          type: 'JournalEntryPosted',
          data: { entryId: command.entryId, date: command.date, memo, currency: command.currency, lines, source: command.source ?? null },
        },
      ];
    }
    case 'ReverseJournalEntry': {
      const entry = existing(state, 'journal entry', command.entryId);
      if (entry.reversedBy)
        throw new LedgerError(LedgerErrorCode.EntryAlreadyReversed, `Journal entry ${entry.id} was already reversed by entry ${entry.reversedBy}`, {
          reversalEntryId: entry.reversedBy,
        });
      const reason = LedgerError.requiredText(command.reason, LedgerErrorCode.ReasonRequired, 'Say why the entry is reversed');
      if (!isValidDate(command.date)) throw new LedgerError(LedgerErrorCode.InvalidDate, `"${command.date}" is not a date such as 2026-03-31`);
      const date = command.notBeforeEntry && command.date < entry.date ? entry.date : command.date;
      if (date < entry.date)
        throw new LedgerError(LedgerErrorCode.ReversalBeforeEntry, `The reversal cannot be dated ${date}, before the entry it reverses (${entry.date})`);
      refuseLocked(date, command.chart);
      return [
        {
          type: 'JournalEntryReversed',
          data: {
            entryId: entry.id,
            reversalEntryId: command.reversalEntryId,
            date,
            memo: `Reversal of "${entry.memo}": ${reason}`,
            reason,
            currency: entry.currency,
            lines: entry.lines.map((line) => ({ accountCode: line.accountCode, debit: line.credit, credit: line.debit })),
            source: command.source ?? null,
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (state: JournalEntry, event: JournalEntryEvent): JournalEntry => {
  switch (event.type) {
    case 'JournalEntryPosted': {
      const { entryId, date, memo, currency, lines } = event.data;
      return { status: 'POSTED', id: entryId, date, memo, currency, lines, reversedBy: null };
    }
    case 'JournalEntryReversed':
      return state.status === 'NONE' ? state : { ...state, reversedBy: event.data.reversalEntryId };
    default:
      return assertNever(event);
  }
};

export const journalEntryDecider = recordDecider<JournalEntry, JournalEntryCommand, JournalEntryEvent>({ events: journalEntryEvents, decide, evolve });
