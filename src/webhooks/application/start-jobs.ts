import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, CLOCK } from '../../shared/clock';
import { Database } from '../../shared/database/database';
import { EVENT_STORE, EventStore } from '../../shared/event-store/event-store.port';
import { DATABASE } from '../../shared/tokens';
import { DeliveryLog } from './delivery-log';
import { EndpointMatch, deliveriesFor } from './endpoint-match';
import { integrationEventsIn, LogRange } from './log-scan';

interface StartJob {
  endpoint_id: string;
  tenant_id: string;
  from_time: Date;
  after_position: string;
}

/**
 * What an endpoint is owed from before the dispatcher saw it: its history since `backfillFrom`, or
 * (without it) the events recorded since its creation that the dispatcher handled before the
 * endpoint showed in the read model. A job reads the log from its start up to the head as it is
 * once the endpoint shows (every later event reaches the dispatcher after that, and it matches the
 * endpoint), schedules the matching events in log order, and then the endpoint's deliveries start:
 * history first. The same webhook-ids make an overlap with the dispatcher harmless.
 */
@Injectable()
export class StartJobs {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(DATABASE) private readonly database: Pick<Database, 'pool'>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly log: DeliveryLog,
  ) {}

  /**
   * Called by the create command before its append, with the log's head then and the log's time now
   * (the system clock's: it bounds events by their recordedAt, so a business clock set elsewhere
   * must not move it).
   */
  async add(tenantId: string, endpointId: string, backfillFrom: Date | null, createdPosition: bigint, logNow: Date): Promise<void> {
    await this.database.pool.query(
      `INSERT INTO webhooks_start_jobs (endpoint_id, tenant_id, from_time, after_position, created_position) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (endpoint_id) DO NOTHING`,
      [
        endpointId,
        tenantId,
        backfillFrom ?? logNow,
        backfillFrom ? '0' : (createdPosition > 0n ? createdPosition - 1n : 0n).toString(),
        createdPosition.toString(),
      ],
    );
  }

  /** Runs every job whose endpoint shows in the read model; the others wait for the next call (a deleted endpoint's, for ever: it is owed nothing). */
  async runPending(): Promise<void> {
    const { rows } = await this.database.pool.query<StartJob & EndpointMatch>(
      `SELECT j.endpoint_id, j.tenant_id, j.from_time, j.after_position, e.id, e.event_types, e.created_at
       FROM webhooks_start_jobs j JOIN webhooks_endpoints e ON e.id = j.endpoint_id WHERE NOT j.done`,
    );
    for (const job of rows) {
      try {
        await this.run(job);
      } catch (error) {
        this.logger.warn(`scheduling the history of endpoint ${job.endpoint_id} failed, will retry: ${(error as Error).message}`);
      }
    }
  }

  private async run(job: StartJob & EndpointMatch): Promise<void> {
    const head = await this.store.headPosition();
    const range: LogRange = { fromPosition: BigInt(job.after_position) + 1n, fromTime: job.from_time, toPosition: head };
    for await (const batch of integrationEventsIn(this.store, job.tenant_id, range)) {
      // History since backfillFrom: the endpoint's creation time does not bound it.
      const endpoint = { ...job, created_at: job.from_time };
      await this.log.schedule(
        deliveriesFor(
          [endpoint],
          batch.map((logged) => logged.event),
        ),
        this.clock.now(),
      );
    }
    await this.database.pool.query(`UPDATE webhooks_start_jobs SET done = true WHERE endpoint_id = $1`, [job.endpoint_id]);
  }
}
