import { PoolClient } from 'pg';
import { RecordedEvent } from '../../src/shared/event-store/event-store.port';
import { Recorded } from '../../src/shared/event-store/recorded-event';
import { Projection } from '../../src/shared/projection/projection';
import { JournalEntryEvent } from '../../src/ledger/domain/journal-entry.events';
import { journalEntryEvents } from '../../src/ledger/domain/ledger.events';

export interface EntryRow {
  id: string;
  tenant_id: string;
  entry_date: string;
  memo: string;
  currency: string;
  total: number;
  source_type: string | null;
  source_id: string | null;
  reversal_of: string | null;
  actor_id: string;
  posted_at: string;
}
export interface LineRow {
  entry_id: string;
  line_no: number;
  tenant_id: string;
  account_code: string;
  entry_date: string;
  debit: number;
  credit: number;
}
export interface ReversalMark {
  entry_id: string;
  reversed_by: string;
  reason: string;
}

/** The rows one event adds: a posted entry (or the mirror entry of a reversal) with its lines. Pure. */
export const journalRows = (event: Recorded<JournalEntryEvent>): { entry: EntryRow; lines: LineRow[]; reversal: ReversalMark | null } => {
  const tenantId = event.metadata.tenantId;
  const entryId = event.type === 'JournalEntryPosted' ? event.data.entryId : event.data.reversalEntryId;
  const { date, memo, currency, lines, source } = event.data;
  const entry: EntryRow = {
    id: entryId,
    tenant_id: tenantId,
    entry_date: date,
    memo,
    currency,
    total: lines.reduce((sum, line) => sum + line.debit, 0),
    source_type: source?.type ?? null,
    source_id: source?.id ?? null,
    reversal_of: event.type === 'JournalEntryReversed' ? event.data.entryId : null,
    actor_id: event.metadata.actorId,
    posted_at: event.recordedAt.toISOString(),
  };
  return {
    entry,
    lines: lines.map((line, index) => ({
      entry_id: entryId,
      line_no: index + 1,
      tenant_id: tenantId,
      account_code: line.accountCode,
      entry_date: date,
      debit: line.debit,
      credit: line.credit,
    })),
    reversal: event.type === 'JournalEntryReversed' ? { entry_id: event.data.entryId, reversed_by: entryId, reason: event.data.reason } : null,
  };
};

const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);

/**
 * The general ledger: entries, their lines and per-day balances, appended by one projector (the
 * only writer), so no account row is ever locked by a posting. A batch is three or four
 * statements, whatever its size.
 */
export const journalProjection: Projection = {
  name: 'ledger.journal',
  handles: journalEntryEvents.types,
  tables: ['ledger_entries', 'ledger_lines', 'ledger_daily_balances'],
  async applyBatch(tx: PoolClient, events: readonly RecordedEvent[]) {
    const entries: EntryRow[] = [];
    const lines: LineRow[] = [];
    const reversals: ReversalMark[] = [];
    for (const event of events) {
      // The runtime's filter is by prefix: anything else starting like a handled name is not ours.
      if (!journalEntryEvents.has(event.type)) continue;
      const rows = journalRows(journalEntryEvents.decode(event));
      entries.push(rows.entry);
      lines.push(...rows.lines);
      if (rows.reversal) reversals.push(rows.reversal);
    }
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO ledger_entries (id, tenant_id, entry_date, memo, currency, total, source_type, source_id, reversal_of, actor_id, posted_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::timestamptz[])
       ON CONFLICT (id) DO NOTHING`,
      [
        column(entries, 'id'),
        column(entries, 'tenant_id'),
        column(entries, 'entry_date'),
        column(entries, 'memo'),
        column(entries, 'currency'),
        column(entries, 'total'),
        column(entries, 'source_type'),
        column(entries, 'source_id'),
        column(entries, 'reversal_of'),
        column(entries, 'actor_id'),
        column(entries, 'posted_at'),
      ],
    );
    // Balances count only lines stored by this statement: a line is in a balance exactly once.
    await tx.query(
      `WITH inserted AS (
         INSERT INTO ledger_lines (entry_id, line_no, tenant_id, account_code, entry_date, debit, credit)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
         ON CONFLICT (entry_id, line_no) DO NOTHING
         RETURNING tenant_id, account_code, entry_date, debit, credit)
       INSERT INTO ledger_daily_balances (tenant_id, account_code, day, debit, credit)
       SELECT tenant_id, account_code, entry_date, sum(debit), sum(credit) FROM inserted GROUP BY tenant_id, account_code, entry_date
       ON CONFLICT (tenant_id, account_code, day) DO UPDATE
         SET debit = ledger_daily_balances.debit + EXCLUDED.debit, credit = ledger_daily_balances.credit + EXCLUDED.credit`,
      [
        column(lines, 'entry_id'),
        column(lines, 'line_no'),
        column(lines, 'tenant_id'),
        column(lines, 'account_code'),
        column(lines, 'entry_date'),
        column(lines, 'debit'),
        column(lines, 'credit'),
      ],
    );
    if (reversals.length > 0)
      await tx.query(
        `UPDATE ledger_entries e SET reversed_by = r.reversed_by, reversal_reason = r.reason
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS r (entry_id, reversed_by, reason) WHERE e.id = r.entry_id`,
        [column(reversals, 'entry_id'), column(reversals, 'reversed_by'), column(reversals, 'reason')],
      );
  },
};
