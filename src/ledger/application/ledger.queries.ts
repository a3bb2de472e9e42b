import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ageInvoices, AGING_BUCKETS, AgingBucket, ArInvoiceRow } from '../../../projections/ledger/ar-aging.projection';
import { BadInputError, NotFoundError } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import { formatMinor } from '../../shared/domain/money';
import { ListArgs, SortOrder } from '../../shared/graphql/list.types';
import { pageOf, sortField } from '../../shared/read-model/list-query';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import {
  Account,
  AccountList,
  AccountType,
  ArAging,
  ArAgingAmounts,
  JournalEntry,
  JournalEntryFilter,
  JournalEntryList,
  LedgerPeriod,
  TrialBalance,
} from '../api/ledger.types';
import { chartIdFor } from '../domain/chart';
import { isValidDate } from '../domain/dates';
import { ChartOfAccounts } from './chart-of-accounts';
import { KnownAtMoment, knownAtScope, knownBy, RecordLog } from '../../shared/history/known-at';
import { journalEntryStream } from '../domain/journal-entry.events';
import { chartStream } from '../domain/chart.events';
import { accountsProjection } from '../../../projections/ledger/accounts.projection';
import { clientNames } from '../../crm/public/client-directory';
import { AR_KNOWN_AT_TYPES, balancesAsKnown, entryAsKnown, LEDGER_KNOWN_AT_TYPES, receivablesAsKnown } from '../../../projections/ledger/ledger-known-at';

const END_OF_TIME = '9999-12-31';
const ACCOUNT_SORT = ['code', 'name', 'type'] as const;
const ENTRY_SORT = { date: 'e.entry_date', postedAt: 'e.posted_at', total: 'e.total' } as const;

export const checkDate = (field: string, value: string | undefined | null): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (!isValidDate(value.trim())) throw new BadInputError({ [field]: [`${field} must be a date such as 2026-03-31`] });
  return value.trim();
};

const debitNormal = (type: string) => type === 'ASSET' || type === 'EXPENSE';

interface AccountBalanceRow {
  id: string;
  code: string;
  name: string;
  account_type: string;
  open: boolean;
  debit: string;
  credit: string;
}

interface EntryRow {
  id: string;
  entry_date: string;
  memo: string;
  currency: string;
  total: string;
  source_type: string | null;
  source_id: string | null;
  reversal_of: string | null;
  reversed_by: string | null;
  reversal_reason: string | null;
  actor_id: string;
  posted_at: Date | string;
  lines: { accountCode: string; accountName: string | null; debit: number; credit: number }[] | null;
}

const ENTRY_SELECT = `SELECT e.*, (
    SELECT json_agg(json_build_object('accountCode', l.account_code, 'accountName', a.name, 'debit', l.debit, 'credit', l.credit) ORDER BY l.line_no)
    FROM ledger_lines l LEFT JOIN ledger_accounts a ON a.tenant_id = l.tenant_id AND a.code = l.account_code
    WHERE l.entry_id = e.id) AS lines
  FROM ledger_entries e`;

const toEntry = (row: EntryRow): JournalEntry => ({
  id: row.id,
  date: row.entry_date,
  memo: row.memo,
  currency: row.currency,
  total: formatMinor(BigInt(row.total), row.currency),
  lines: (row.lines ?? []).map((line) => ({
    accountCode: line.accountCode,
    accountName: line.accountName,
    debit: formatMinor(BigInt(line.debit), row.currency),
    credit: formatMinor(BigInt(line.credit), row.currency),
  })),
  sourceType: row.source_type,
  sourceId: row.source_id,
  reversalOf: row.reversal_of,
  reversedBy: row.reversed_by,
  reversalReason: row.reversal_reason,
  postedBy: row.actor_id,
  postedAt: new Date(row.posted_at),
});

/** Reads of the ledger read models, always within the caller's tenant. Balances are sums of per-day totals. */
@Injectable()
export class LedgerQueries {
  constructor(
    private readonly reader: TenantReader,
    private readonly chart: ChartOfAccounts,
    private readonly log: RecordLog,
  ) {}

  private async balances(em: EntityManager, tenantId: string, asOf: string): Promise<AccountBalanceRow[]> {
    // As known at a moment (knownAt): the same rows, folded from the events known then (ledger-known-at.ts).
    const moment = knownAtScope.getStore();
    if (moment) return balancesAsKnown(await this.log.tenantEvents(tenantId, LEDGER_KNOWN_AT_TYPES, moment), asOf);
    return em.execute(
      `SELECT a.id, a.code, a.name, a.account_type, a.open,
              COALESCE(SUM(b.debit), 0)::text AS debit, COALESCE(SUM(b.credit), 0)::text AS credit
         FROM ledger_accounts a
         LEFT JOIN ledger_daily_balances b ON b.tenant_id = a.tenant_id AND b.account_code = a.code AND b.day <= ?
        WHERE a.tenant_id = ?
        GROUP BY a.id, a.code, a.name, a.account_type, a.open
        ORDER BY a.code`,
      [asOf, tenantId],
    );
  }

  private toAccount(row: AccountBalanceRow, currency: string): Account {
    const debit = BigInt(row.debit);
    const credit = BigInt(row.credit);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      type: row.account_type as AccountType,
      open: row.open,
      debit: formatMinor(debit, currency),
      credit: formatMinor(credit, currency),
      balance: formatMinor(debitNormal(row.account_type) ? debit - credit : credit - debit, currency),
    };
  }

  async accounts(tenantId: string, asOf: string | undefined, args: ListArgs): Promise<AccountList> {
    const date = checkDate('asOf', asOf) ?? END_OF_TIME;
    const field = sortField(args, ACCOUNT_SORT, 'code');
    await this.chart.ensure(tenantId, { visible: true });
    const currency = await this.chart.currency(tenantId);
    const rows = await this.reader.read(tenantId, (em) => this.balances(em, tenantId, date));
    const key = (row: AccountBalanceRow) => (field === 'type' ? row.account_type : field === 'name' ? row.name : row.code);
    // Accounts read in code order by default, whatever the generic list default says.
    const descending = args.sortField !== undefined && args.sortOrder === SortOrder.DESC;
    const sorted = [...rows].sort((a, b) => key(a).localeCompare(key(b)) * (descending ? -1 : 1) || a.code.localeCompare(b.code));
    const { limit, offset } = pageOf(args);
    const page = sorted.slice(offset, offset + limit);
    return { items: page.map((row) => this.toAccount(row, currency)), total: rows.length };
  }

  async account(tenantId: string, code: string, asOf?: string): Promise<Account | null> {
    const date = checkDate('asOf', asOf) ?? END_OF_TIME;
    await this.chart.ensure(tenantId, { visible: true });
    const currency = await this.chart.currency(tenantId);
    const rows = await this.reader.read(tenantId, (em) => this.balances(em, tenantId, date));
    const row = rows.find((r) => r.code === code.trim());
    return row ? this.toAccount(row, currency) : null;
  }

  async accountOrFail(tenantId: string, code: string): Promise<Account> {
    const account = await this.account(tenantId, code);
    if (!account) throw new NotFoundError('account', code);
    return account;
  }

  async journalEntry(tenantId: string, id: string): Promise<JournalEntry | null> {
    if (!isUuid(id)) return null;
    const moment = knownAtScope.getStore();
    if (moment) return this.journalEntryAsKnown(tenantId, id, moment);
    const rows: EntryRow[] = await this.reader.read(tenantId, (em) => em.execute(`${ENTRY_SELECT} WHERE e.tenant_id = ? AND e.id = ?`, [tenantId, id]));
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async journalEntryOrFail(tenantId: string, id: string): Promise<JournalEntry> {
    const entry = await this.journalEntry(tenantId, id);
    if (!entry) throw new NotFoundError('journal entry', id);
    return entry;
  }

  async journalEntries(tenantId: string, filter: JournalEntryFilter = {}, args: ListArgs): Promise<JournalEntryList> {
    const from = checkDate('filter.from', filter.from);
    const to = checkDate('filter.to', filter.to);
    const column = ENTRY_SORT[sortField(args, Object.keys(ENTRY_SORT), 'date') as keyof typeof ENTRY_SORT];
    const direction = args.sortOrder === SortOrder.ASC ? 'ASC' : 'DESC';
    const conditions = ['e.tenant_id = ?'];
    const params: unknown[] = [tenantId];
    const also = (condition: string, value: unknown) => {
      conditions.push(condition);
      params.push(value);
    };
    if (from) also('e.entry_date >= ?', from);
    if (to) also('e.entry_date <= ?', to);
    if (filter.accountCode?.trim()) also('EXISTS (SELECT 1 FROM ledger_lines f WHERE f.entry_id = e.id AND f.account_code = ?)', filter.accountCode.trim());
    const where = conditions.join(' AND ');
    const { limit, offset } = pageOf(args);
    return this.reader.read(tenantId, async (em) => {
      const rows: EntryRow[] = await em.execute(
        `${ENTRY_SELECT} WHERE ${where} ORDER BY ${column} ${direction}, e.posted_at ${direction}, e.id ${direction} LIMIT ? OFFSET ?`,
        [...params, limit, offset],
      );
      const [{ total }] = await em.execute(`SELECT count(*)::int AS total FROM ledger_entries e WHERE ${where}`, params);
      return { items: rows.map(toEntry), total };
    });
  }

  async trialBalance(tenantId: string, asOf: string): Promise<TrialBalance> {
    const date = checkDate('asOf', asOf)!;
    await this.chart.ensure(tenantId, { visible: true });
    const currency = await this.chart.currency(tenantId);
    const rows = await this.reader.read(tenantId, (em) => this.balances(em, tenantId, date));
    let totalDebit = 0n;
    let totalCredit = 0n;
    const lines = rows.flatMap((row) => {
      const net = BigInt(row.debit) - BigInt(row.credit);
      if (net === 0n) return [];
      const debit = net > 0n ? net : 0n;
      const credit = net < 0n ? -net : 0n;
      totalDebit += debit;
      totalCredit += credit;
      return [
        {
          accountCode: row.code,
          accountName: row.name,
          accountType: row.account_type as AccountType,
          debit: formatMinor(debit, currency),
          credit: formatMinor(credit, currency),
        },
      ];
    });
    return { asOf: date, currency, lines, totalDebit: formatMinor(totalDebit, currency), totalCredit: formatMinor(totalCredit, currency) };
  }

  async arAging(tenantId: string, asOf: string): Promise<ArAging> {
    const date = checkDate('asOf', asOf)!;
    const currency = await this.chart.currency(tenantId);
    const moment = knownAtScope.getStore();
    const rows: (ArInvoiceRow & { client_name: string | null })[] = moment
      ? await this.receivablesAsKnown(tenantId, date, moment)
      : await this.reader.read(tenantId, (em) =>
          em.execute(
            `SELECT i.*, c.name AS client_name FROM ledger_ar_invoices i LEFT JOIN crm_clients c ON c.id = i.client_id
          WHERE i.tenant_id = ? AND i.issued_on <= ? AND (i.voided_on IS NULL OR i.voided_on > ?)`,
            [tenantId, date, date],
          ),
        );
    const names = new Map(rows.map((row) => [row.client_id, row.client_name]));
    const zero = (): Record<AgingBucket, bigint> => ({ current: 0n, days1to30: 0n, days31to60: 0n, days61to90: 0n, over90: 0n });
    const byClient = new Map<string, { buckets: Record<AgingBucket, bigint>; invoices: number }>();
    const totals = zero();
    for (const aged of ageInvoices(rows, date)) {
      const client = byClient.get(aged.clientId) ?? { buckets: zero(), invoices: 0 };
      client.buckets[aged.bucket] += BigInt(aged.outstanding);
      client.invoices += 1;
      totals[aged.bucket] += BigInt(aged.outstanding);
      byClient.set(aged.clientId, client);
    }
    const amounts = (buckets: Record<AgingBucket, bigint>): ArAgingAmounts => {
      const formatted = Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, formatMinor(buckets[bucket], currency)])) as Record<AgingBucket, string>;
      return {
        ...formatted,
        total: formatMinor(
          AGING_BUCKETS.reduce((sum, bucket) => sum + buckets[bucket], 0n),
          currency,
        ),
      };
    };
    const lines = [...byClient.entries()]
      .map(([clientId, client]) => ({ clientId, clientName: names.get(clientId) ?? null, invoiceCount: client.invoices, ...amounts(client.buckets) }))
      .sort((a, b) => (a.clientName ?? '').localeCompare(b.clientName ?? '') || a.clientId.localeCompare(b.clientId));
    return { asOf: date, currency, lines, totals: amounts(totals) };
  }

  /** The receivables as known at the moment (see ledger-known-at.ts), with the clients' names then, as the query above selects them. */
  private async receivablesAsKnown(tenantId: string, date: string, moment: KnownAtMoment) {
    const rows = receivablesAsKnown(await this.log.tenantEvents(tenantId, AR_KNOWN_AT_TYPES, moment)).filter(
      (row) => row.tenant_id === tenantId && row.issued_on <= date && (row.voided_on === null || row.voided_on > date),
    );
    // The clients' names as known then too (folded from their streams, read at once).
    const byId = await this.reader.read(tenantId, (em) =>
      clientNames(
        em,
        tenantId,
        rows.map((row) => row.client_id),
        this.reader,
      ),
    );
    return rows.map((row) => ({ ...row, client_name: byId.get(row.client_id) ?? null }));
  }

  /** One entry as known at the moment: its stream (the original's, for a reversal) folded through journalRows. */
  private async journalEntryAsKnown(tenantId: string, id: string, moment: KnownAtMoment): Promise<JournalEntry | null> {
    const current: { reversal_of: string | null }[] = await this.reader.read(tenantId, (em) =>
      em.execute(`SELECT reversal_of FROM ledger_entries WHERE tenant_id = ? AND id = ?`, [tenantId, id]),
    );
    const stream = journalEntryStream(current[0]?.reversal_of ?? id);
    const events = (await this.log.streamEvents(tenantId, stream, moment.cache)).filter(knownBy(moment));
    const known = entryAsKnown(events, id);
    if (!known) return null;
    // The accounts' names as the chart stood then, folded from its stream by the accounts projector.
    const chart = (await this.log.streamEvents(tenantId, chartStream(chartIdFor(tenantId)), moment.cache)).filter(knownBy(moment));
    const nameOf = new Map([...accountsProjection.foldRows(chart).values()].map((account) => [account.code, account.name]));
    return toEntry({
      ...known.entry,
      total: String(known.entry.total),
      reversed_by: known.reversedBy,
      reversal_reason: known.reason,
      lines: known.lines.map((line) => ({
        accountCode: line.account_code,
        accountName: nameOf.get(line.account_code) ?? null,
        debit: line.debit,
        credit: line.credit,
      })),
    });
  }

  async period(tenantId: string): Promise<LedgerPeriod> {
    const rows: { locked_through: string | null }[] = await this.reader.read(tenantId, (em) =>
      em.execute(`SELECT locked_through FROM ledger_settings WHERE tenant_id = ? AND id = ?`, [tenantId, chartIdFor(tenantId)]),
    );
    return { lockedThrough: rows[0]?.locked_through ?? null };
  }
}
