import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CLOCK, Clock } from '../../shared/clock';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { quoteDecider } from '../domain/quote';
import { quoteStream } from '../domain/quote.events';
import { today } from './orders.commands';

const EVERY_MS = 60_000;
const BATCH = 500;

/**
 * Quotes expire by themselves: every minute (and whenever `expireNow` is called), each DRAFT or SENT
 * quote whose validUntil is before the business date (read from the injected CLOCK) gets QuoteExpired. The read model only finds candidates; the quote's own stream decides
 * (ExpireQuote is a no-op on a quote accepted meanwhile). Event ids derive from the quote, so
 * two instances running the job at once append one QuoteExpired.
 */
@Injectable()
export class QuoteExpiryJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('QuoteExpiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly runner: EventSourcedRunner,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap() {
    const tick = () => {
      this.running ??= this.expireNow()
        .catch((error) => {
          this.logger.warn(`expiring quotes failed, will retry: ${(error as Error).message}`);
          return 0;
        })
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, EVERY_MS);
    this.timer.unref();
    setTimeout(tick, 1000).unref();
  }

  async onModuleDestroy() {
    clearInterval(this.timer);
    await this.running;
  }

  /** Expires every open quote past its date as of the clock's business date; returns how many it expired. */
  expireNow(): Promise<number> {
    return this.expireDue(today(this.clock.now()));
  }

  /** Expires every open quote past its date as of `day`; returns how many it expired. */
  async expireDue(day: string): Promise<number> {
    let expired = 0;
    for (;;) {
      const { rows } = await this.database.pool.query<{ id: string; tenant_id: string }>(
        `SELECT id, tenant_id FROM orders_quotes WHERE status IN ('DRAFT', 'SENT') AND valid_until < $1 ORDER BY valid_until, id LIMIT $2`,
        [day, BATCH],
      );
      let progressed = 0;
      for (const row of rows) {
        const result = await this.runner.run(
          quoteDecider,
          quoteStream(row.id),
          { type: 'ExpireQuote', quoteId: row.id, today: day },
          {
            tenantId: row.tenant_id,
            actorId: 'system:quote-expiry',
            correlationId: randomUUID(),
            causationId: randomUUID(),
            idempotencyKey: `quote-expiry:${row.id}`,
          },
        );
        if (result.events.length > 0) {
          expired++;
          progressed++;
        }
      }
      // Rows the read model has not caught up with yet are picked up on the next tick.
      if (rows.length < BATCH || progressed === 0) return expired;
    }
  }
}
