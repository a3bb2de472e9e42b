import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CLOCK, Clock } from '../../shared/clock';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { Database } from '../../shared/database/database';
import { deterministicId } from '../../shared/domain/ids';
import { DATABASE } from '../../shared/tokens';
import { invoiceDecider } from '../domain/invoice';
import { invoiceStream } from '../domain/invoice.events';
import { today } from './orders.commands';

const EVERY_MS = 60_000;
const PAGE = 500;
export const OVERDUE_ACTOR = 'system:invoice-overdue';

export interface OverdueRun {
  /** Invoices that got InvoiceFellOverdue in this run. */
  marked: number;
  /** Invoices whose check failed (logged; tried again on the next run). */
  failed: number;
}

/**
 * Invoices fall overdue by themselves: every minute (and whenever `detectOverdue` is called), each
 * open invoice whose due date is before the business date (read from the injected CLOCK, so tests
 * move time instead of waiting) gets InvoiceFellOverdue, once. The read model only finds
 * candidates; the invoice's own stream decides through the one runner (MarkInvoiceOverdue is a
 * no-op on an invoice paid, voided or marked meanwhile). The event's id derives from the invoice,
 * so two instances, a retry or a redelivery append it once. Candidates are walked by id, each in
 * its own try: one tenant's invoice that cannot be marked is logged and never holds up the others.
 */
@Injectable()
export class InvoiceOverdueJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InvoiceOverdue');
  private timer?: NodeJS.Timeout;
  /** The last run asked for: runs go one after another, each reading the clock when it starts. */
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly runner: EventSourcedRunner,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap() {
    const tick = () => {
      if (this.pending > 0) return; // a run is under way or waiting: it will see the time by then
      this.detectOverdue().catch((error) => this.logger.warn(`finding overdue invoices failed, will retry: ${(error as Error).message}`));
    };
    this.timer = setInterval(tick, EVERY_MS);
    this.timer.unref();
    setTimeout(tick, 1000).unref();
  }

  async onModuleDestroy() {
    clearInterval(this.timer);
    await this.tail.catch(() => undefined);
  }

  /**
   * Marks every open invoice past its due date as of the clock's business date. Runs go one at a
   * time; one asked for while another is under way starts after it, reading the clock then.
   */
  detectOverdue(): Promise<OverdueRun> {
    this.pending++;
    const run = this.tail
      .catch(() => undefined)
      .then(() => this.run(today(this.clock.now())))
      .finally(() => this.pending--);
    this.tail = run;
    return run;
  }

  private async run(day: string): Promise<OverdueRun> {
    const result: OverdueRun = { marked: 0, failed: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const { rows } = await this.database.pool.query<{ id: string; tenant_id: string }>(
        `SELECT id, tenant_id FROM orders_invoices
          WHERE overdue_on IS NULL AND status IN ('ISSUED', 'SENT', 'PARTIALLY_PAID') AND due_on < $1 AND id > $2
          ORDER BY id LIMIT $3`,
        [day, after, PAGE],
      );
      for (const row of rows) {
        try {
          if (await this.mark(row.id, row.tenant_id, day)) result.marked++;
        } catch (error) {
          result.failed++;
          this.logger.warn(`invoice ${row.id} of tenant ${row.tenant_id}: could not mark it overdue, will retry: ${(error as Error).message}`);
        }
      }
      if (rows.length < PAGE) return result;
      after = rows[rows.length - 1].id;
    }
  }

  private async mark(invoiceId: string, tenantId: string, day: string): Promise<boolean> {
    const key = `invoice-overdue:${invoiceId}`;
    const { events } = await this.runner.run(
      invoiceDecider,
      invoiceStream(invoiceId),
      { type: 'MarkInvoiceOverdue', invoiceId, today: day },
      {
        tenantId,
        actorId: OVERDUE_ACTOR,
        actorKind: 'system',
        correlationId: deterministicId(tenantId, key, 'correlation'),
        causationId: deterministicId(tenantId, key, 'causation'),
        idempotencyKey: key,
      },
    );
    return events.length > 0;
  }
}
