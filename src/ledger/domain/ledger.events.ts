import { EventOf, composeRegistries, defineEvents } from '../../shared/domain/event-registry';
import { ChartEvent } from './chart.events';
import { JournalEntryEvent } from './journal-entry.events';

/**
 * Every event the ledger stores, registered once: stored name, version and upcasters (the rules
 * are in src/shared/domain/event-registry.ts). The billing events it posts from belong to orders
 * and are decoded with orders' public registry.
 */

export const chartEvents = defineEvents<ChartEvent>('ledger.chart', {
  AccountOpened: 1,
  AccountClosed: 1,
  PeriodLocked: 1,
});

export const journalEntryEvents = defineEvents<JournalEntryEvent>('ledger.journal-entry', {
  JournalEntryPosted: 1,
  JournalEntryReversed: 1,
});

export const ledgerEvents = composeRegistries('ledger', chartEvents, journalEntryEvents);

export type LedgerEvent = EventOf<typeof ledgerEvents>;
