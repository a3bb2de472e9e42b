/**
 * Journal entry events, one stream per entry (`journalEntry-<entryId>`). Entries are never
 * edited or deleted: a reversal is a new entry, stored as JournalEntryReversed on the original's
 * stream so that "reversed at most once" holds in one append. Amounts are integer minor units.
 */
export interface JournalLine {
  accountCode: string;
  debit: number;
  credit: number;
}

/** What caused an automatic posting (a billing event), or null for a manual entry. */
export interface EntrySource {
  type: string;
  id: string;
  eventId: string;
}

export type JournalEntryPosted = {
  type: 'JournalEntryPosted';
  data: { entryId: string; date: string; memo: string; currency: string; lines: JournalLine[]; source: EntrySource | null };
};

/** The mirror entry `reversalEntryId`, dated `date`, undoing `entryId`. */
export type JournalEntryReversed = {
  type: 'JournalEntryReversed';
  data: {
    entryId: string;
    reversalEntryId: string;
    date: string;
    memo: string;
    reason: string;
    currency: string;
    lines: JournalLine[];
    source: EntrySource | null;
  };
};

export type JournalEntryEvent = JournalEntryPosted | JournalEntryReversed;

export const journalEntryStream = (entryId: string) => `journalEntry-${entryId}`;
