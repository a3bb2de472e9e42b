import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UserDirectory } from '../../identity/public/user-directory';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { foldStored } from '../../shared/domain/decider';
import { ProjectionsService } from '../../shared/projection/projections.service';
import { Chart, chartDecider, chartIdFor, seedChartCommand } from '../domain/chart';
import { chartStream } from '../domain/chart.events';

export const ACCOUNTS_PROJECTION = 'ledger.accounts';
export const SETTINGS_PROJECTION = 'ledger.settings';
export const JOURNAL_PROJECTION = 'ledger.journal';

/**
 * A tenant's chart of accounts: seeded with the standard accounts on first use (idempotent: a
 * fixed idempotency key makes concurrent or repeated seeding store it once), and loaded from its
 * stream when a posting must check accounts and the period lock.
 */
@Injectable()
export class ChartOfAccounts {
  /** Tenant -> position of its seed events (found stored, for a repeat), for read-your-writes. */
  private readonly seeded = new Map<string, bigint | null>();

  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly projections: ProjectionsService,
    private readonly directory: UserDirectory,
  ) {}

  /** Seeds the chart if needed; with `visible`, waits until the accounts read model shows it. */
  async ensure(tenantId: string, options: { visible?: boolean } = {}): Promise<void> {
    if (!this.seeded.has(tenantId)) {
      const result = await this.runner.run(chartDecider, chartStream(chartIdFor(tenantId)), seedChartCommand(tenantId), {
        tenantId,
        actorId: 'system:ledger',
        correlationId: randomUUID(),
        causationId: randomUUID(),
        idempotencyKey: 'ledger:seed-chart-of-accounts',
      });
      this.seeded.set(tenantId, result.position);
    }
    if (options.visible) await this.projections.waitFor([ACCOUNTS_PROJECTION], this.seeded.get(tenantId) ?? null);
  }

  async load(tenantId: string): Promise<Chart> {
    await this.ensure(tenantId);
    const events = await this.runner.readStream(chartStream(chartIdFor(tenantId)));
    return foldStored(chartDecider, events);
  }

  /** The tenant's currency, asked of identity each time: it may change until the first invoice. */
  async currency(tenantId: string): Promise<string> {
    return (await this.directory.tenant(tenantId))?.currency ?? 'USD';
  }
}
