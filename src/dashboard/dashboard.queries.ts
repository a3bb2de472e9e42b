import { Inject, Injectable } from '@nestjs/common';
import { UserDirectory } from '../identity/public/user-directory';
import { CLOCK, Clock } from '../shared/clock';
import { formatMinor } from '../shared/domain/money';
import { TenantReader } from '../shared/read-model/tenant-reader';
import { AssignableOwner, DashboardTaskList, QuotesAwaitingAnswer, RevenueByMonth } from './dashboard.types';

const SELLER_ROLES = ['admin', 'sales'] as const;

/** The first day of each of the last `months` months, oldest first, as YYYY-MM. */
const monthsUpTo = (today: string, months: number): string[] => {
  const [year, month] = today.split('-').map(Number);
  return Array.from({ length: months }, (_unused, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (months - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
};

/**
 * The dashboard's numbers: SQL aggregates over the read models, one tenant at a time (the readers'
 * pool, row-level security), so the browser gets a handful of rows whatever the tenant's size.
 */
@Injectable()
export class DashboardQueries {
  constructor(
    private readonly reader: TenantReader,
    private readonly directory: UserDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private async currency(tenantId: string): Promise<string> {
    return (await this.directory.tenant(tenantId))?.currency ?? 'USD';
  }

  /** Open tasks the user logged or whose lead or client they own: overdue first, then by due date. */
  myTasks(tenantId: string, userId: string, page: number, perPage: number): Promise<DashboardTaskList> {
    const today = this.today();
    return this.reader.read(tenantId, async (em) => {
      const rows: Record<string, unknown>[] = await em.execute(
        `WITH mine AS (
           SELECT a.id, a.subject, a.due_on, a.subject_type, a.subject_id, a.created_at, coalesce(l.name, c.name) AS subject_name
             FROM crm_activities a
             LEFT JOIN crm_leads l ON a.subject_type = 'LEAD' AND l.id = a.subject_id AND l.tenant_id = a.tenant_id
             LEFT JOIN crm_clients c ON a.subject_type = 'CLIENT' AND c.id = a.subject_id AND c.tenant_id = a.tenant_id
            WHERE a.tenant_id = ? AND a.kind = 'TASK' AND NOT a.completed
              AND (a.actor_id = ? OR l.owner_id = ? OR c.owner_id = ?))
         SELECT *, count(*) OVER () AS total FROM mine
          ORDER BY (due_on IS NOT NULL AND due_on < ?) DESC, due_on ASC NULLS LAST, created_at DESC, id
          LIMIT ? OFFSET ?`,
        [tenantId, userId, userId, userId, today, perPage, (page - 1) * perPage],
      );
      return {
        total: Number(rows[0]?.total ?? 0),
        items: rows.map((row) => ({
          id: row.id as string,
          subject: row.subject as string,
          dueOn: (row.due_on as string | null) ?? null,
          overdue: row.due_on != null && (row.due_on as string) < today,
          subjectType: row.subject_type as string,
          subjectId: row.subject_id as string,
          subjectName: (row.subject_name as string | null) ?? null,
          createdAt: new Date(row.created_at as string),
        })),
      };
    });
  }

  async quotesAwaitingAnswer(tenantId: string, limit: number): Promise<QuotesAwaitingAnswer> {
    const currency = await this.currency(tenantId);
    return this.reader.read(tenantId, async (em) => {
      const [summary]: { count: string; total: string | null }[] = await em.execute(
        `SELECT count(*) AS count, sum(total) AS total FROM orders_quotes WHERE tenant_id = ? AND status = 'SENT'`,
        [tenantId],
      );
      const rows: Record<string, unknown>[] = await em.execute(
        `SELECT q.id, q.client_id, c.name AS client_name, q.total, q.currency, q.sent_on, q.valid_until
           FROM orders_quotes q LEFT JOIN crm_clients c ON c.id = q.client_id AND c.tenant_id = q.tenant_id
          WHERE q.tenant_id = ? AND q.status = 'SENT' ORDER BY q.sent_on ASC NULLS LAST, q.id LIMIT ?`,
        [tenantId, limit],
      );
      return {
        count: Number(summary.count),
        total: formatMinor(BigInt(summary.total ?? 0), currency),
        currency,
        items: rows.map((row) => ({
          id: row.id as string,
          clientId: row.client_id as string,
          clientName: (row.client_name as string | null) ?? null,
          total: formatMinor(BigInt(row.total as string), row.currency as string),
          currency: row.currency as string,
          sentOn: (row.sent_on as string | null) ?? null,
          validUntil: (row.valid_until as string | null) ?? null,
        })),
      };
    });
  }

  /** Invoiced (by issue date, void invoices left out) and collected (by the payments' dates), per month. */
  async revenueByMonth(tenantId: string, months: number): Promise<RevenueByMonth> {
    const currency = await this.currency(tenantId);
    const range = monthsUpTo(this.today(), months);
    const from = `${range[0]}-01`;
    return this.reader.read(tenantId, async (em) => {
      const invoiced: { month: string; amount: string }[] = await em.execute(
        `SELECT substr(issued_on, 1, 7) AS month, sum(total) AS amount FROM orders_invoices
          WHERE tenant_id = ? AND status <> 'VOID' AND issued_on >= ? GROUP BY 1`,
        [tenantId, from],
      );
      const collected: { month: string; amount: string }[] = await em.execute(
        `SELECT substr(p->>'receivedOn', 1, 7) AS month, sum((p->>'amount')::bigint) AS amount
           FROM orders_invoices i CROSS JOIN LATERAL jsonb_array_elements(i.payments) AS p
          WHERE i.tenant_id = ? AND p->>'receivedOn' >= ? GROUP BY 1`,
        [tenantId, from],
      );
      const of = (rows: { month: string; amount: string }[]) => new Map(rows.map((row) => [row.month, BigInt(row.amount)]));
      const [byInvoiced, byCollected] = [of(invoiced), of(collected)];
      return {
        currency,
        months: range.map((month) => ({
          month,
          invoiced: formatMinor(byInvoiced.get(month) ?? 0n, currency),
          collected: formatMinor(byCollected.get(month) ?? 0n, currency),
        })),
      };
    });
  }

  async assignableOwners(tenantId: string): Promise<AssignableOwner[]> {
    const users = await this.directory.withRoles(tenantId, SELLER_ROLES);
    return users.map(({ id, name, email, role }) => ({ id, name: name || email, email, role }));
  }
}
