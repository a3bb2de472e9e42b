import { Injectable, Logger } from '@nestjs/common';
import { contextFromEvent } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { RecordedEvent } from '../../shared/event-store/event-store.port';
import { EventFailure, reactor } from '../../shared/processing/processor';
import { ReactorProvider } from '../../shared/processing/processors.module';
import { BILLING_EVENT_TYPES } from '../../orders/public/billing.events';
import { billingEvents } from '../../orders/public/published.events';
import { planPosting } from '../domain/billing-postings';
import { lockedThrough } from '../domain/chart';
import { journalEntryDecider } from '../domain/journal-entry';
import { journalEntryStream } from '../domain/journal-entry.events';
import { LedgerError, LedgerErrorCode } from '../domain/ledger.error';
import { ChartOfAccounts } from './chart-of-accounts';
import { PeriodGate } from './period-gate';

export const BILLING_POSTINGS = 'ledger.billing-postings';

/**
 * Billing events -> journal entries (InvoiceIssued, PaymentRecorded, CreditNoteIssued post;
 * InvoiceVoided reverses the issue posting). Once per source event however often it is
 * delivered: the entry id derives from the source and the idempotency key from the event id,
 * so a replay or a rebuild of this subscriber appends nothing new.
 */
@Injectable()
export class BillingPostingProcessManager implements ReactorProvider {
  private readonly logger = new Logger('BillingPostings');

  constructor(
    private readonly runner: EventSourcedRunner,
    private readonly chart: ChartOfAccounts,
    private readonly gate: PeriodGate,
  ) {}

  reactor() {
    return reactor({
      name: BILLING_POSTINGS,
      handles: BILLING_EVENT_TYPES,
      prepare: (events: RecordedEvent[]) => events,
      deliver: async (events) => {
        for (const event of events) {
          try {
            await this.post(event);
          } catch (error) {
            throw new EventFailure(event, error);
          }
        }
      },
    });
  }

  /** Reads the chart and appends behind the period gate: a period locked meanwhile is seen, and the posting dated after it. */
  post(event: RecordedEvent): Promise<void> {
    return this.gate.posting(event.metadata.tenantId, () => this.postPlanned(event));
  }

  private async postPlanned(event: RecordedEvent): Promise<void> {
    const tenantId = event.metadata.tenantId;
    const chart = await this.chart.load(tenantId);
    const plan = planPosting(tenantId, billingEvents.decode(event), event.id, lockedThrough(chart));
    if (!plan) return;
    const context = { ...contextFromEvent(event, 'system:ledger'), idempotencyKey: `billing:${event.id}` };
    try {
      if (plan.kind === 'post') {
        const { entryId, date, memo, currency, lines, source } = plan;
        await this.runner.run(
          journalEntryDecider,
          journalEntryStream(entryId),
          { type: 'PostJournalEntry', entryId, date, memo, currency, lines, source, chart },
          context,
        );
      } else {
        const { entryId, reversalEntryId, date, reason, source, notBeforeEntry } = plan;
        await this.runner.run(
          journalEntryDecider,
          journalEntryStream(entryId),
          { type: 'ReverseJournalEntry', entryId, reversalEntryId, date, reason, source, notBeforeEntry, chart },
          context,
        );
      }
    } catch (error) {
      // Already done by another path (a person reversed the entry, an earlier delivery under another id): nothing is lost.
      const done = error instanceof LedgerError && (error.code === LedgerErrorCode.EntryAlreadyPosted || error.code === LedgerErrorCode.EntryAlreadyReversed);
      const nothingToReverse = plan.kind === 'reverse' && (error as { code?: string }).code === 'NOT_FOUND';
      if (!done && !nothingToReverse) throw error;
      this.logger.log(`${event.type} ${event.id}: ${(error as Error).message}; nothing more to post`);
    }
  }
}
