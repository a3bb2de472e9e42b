import type { RecordedEvent } from '../../src/shared/event-store/event-store.port';
import { journalEntryEvents } from '../../src/ledger/domain/ledger.events';
import { AccountRow, accountsProjection } from './accounts.projection';
import { ArInvoiceRow, arInvoicesProjection } from './ar-aging.projection';
import { EntryRow, journalRows, LineRow } from './journal.projection';

/**
 * The ledger's read models as the books stood at a moment, folded from the events known then with
 * the projectors' own logic: accounts through accountsProjection's apply, entries and lines through
 * journalRows (what the journal projector inserts), receivables through arInvoicesProjection's
 * apply. The reports then run their usual code over these rows.
 */

export const LEDGER_KNOWN_AT_TYPES: readonly string[] = [...accountsProjection.handles, ...journalEntryEvents.types];
export const AR_KNOWN_AT_TYPES: readonly string[] = arInvoicesProjection.handles;

/** Per account: its row and its debit and credit sums over lines dated through `asOf` (as ledger_daily_balances sums them). */
export const balancesAsKnown = (events: readonly RecordedEvent[], asOf: string) => {
  const accounts = [...accountsProjection.foldRows(events).values()] as AccountRow[];
  const sums = new Map<string, { debit: bigint; credit: bigint }>();
  for (const event of events) {
    if (!journalEntryEvents.has(event.type)) continue;
    for (const line of journalRows(journalEntryEvents.decode(event)).lines) {
      if (line.entry_date > asOf) continue;
      const sum = sums.get(line.account_code) ?? { debit: 0n, credit: 0n };
      sum.debit += BigInt(line.debit);
      sum.credit += BigInt(line.credit);
      sums.set(line.account_code, sum);
    }
  }
  return accounts
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((account) => ({
      id: account.id,
      code: account.code,
      name: account.name,
      account_type: account.account_type,
      open: account.open,
      debit: (sums.get(account.code)?.debit ?? 0n).toString(),
      credit: (sums.get(account.code)?.credit ?? 0n).toString(),
    }));
};

/** One entry with its lines and its reversal, as known: the rows journalRows gave for it, the reversal mark of a later event. */
export const entryAsKnown = (
  events: readonly RecordedEvent[],
  entryId: string,
): { entry: EntryRow; lines: LineRow[]; reversedBy: string | null; reason: string | null } | null => {
  let found: { entry: EntryRow; lines: LineRow[]; reversedBy: string | null; reason: string | null } | null = null;
  for (const event of events) {
    if (!journalEntryEvents.has(event.type)) continue;
    const rows = journalRows(journalEntryEvents.decode(event));
    if (rows.entry.id === entryId && !found) found = { entry: rows.entry, lines: rows.lines, reversedBy: null, reason: null };
    if (found && rows.reversal?.entry_id === entryId && found.reversedBy === null) {
      found.reversedBy = rows.reversal.reversed_by;
      found.reason = rows.reversal.reason;
    }
  }
  return found;
};

/** The receivables rows (one per invoice) as known, for ageInvoices. */
export const receivablesAsKnown = (events: readonly RecordedEvent[]): ArInvoiceRow[] => [...arInvoicesProjection.foldRows(events).values()] as ArInvoiceRow[];
