/**
 * The integration events of the ledger (context `ledger`, topic `annals.ledger`): a public contract
 * like CRM's (see docs/integration-events.md). Amounts are decimal strings in the entry's currency.
 */
import { formatMinor } from '../../shared/domain/money';
import type { RecordedEvent } from '../../shared/event-store/event-store.port';
import {
  businessDate,
  closed,
  CloudEvent,
  cloudEvent,
  currencyCode,
  decimal,
  IntegrationEventDefinition,
  IntegrationEventModule,
  JsonSchema,
  nonEmpty,
  nullableDate,
  uuid,
} from '../../shared/integration/integration-event';
import { billingIntegrationEventTypes } from '../../orders/public/billing-integration-events';
import type { ChartEvent } from '../domain/chart.events';
import type { EntrySource, JournalEntryEvent, JournalLine } from '../domain/journal-entry.events';
import { chartEvents, journalEntryEvents } from '../domain/ledger.events';

export const LEDGER_TOPIC = 'annals.ledger';
export const LEDGER_SOURCE = '/annals/ledger';

export const ledgerIntegrationEventTypes = {
  JournalEntryPosted: 'ledger.journal_entry.posted.v1',
  JournalEntryReversed: 'ledger.journal_entry.reversed.v1',
  PeriodLocked: 'ledger.period.locked.v1',
} as const satisfies Partial<Record<JournalEntryEvent['type'] | ChartEvent['type'], string>>;

export type LedgerIntegrationEventType = (typeof ledgerIntegrationEventTypes)[keyof typeof ledgerIntegrationEventTypes];

const causes: Readonly<Record<string, string>> = billingIntegrationEventTypes;

/** What caused an automatic posting, named by the integration event it published (its type and id), never by a stored type. */
const publicSource = (source: EntrySource | null) => {
  const type = source ? causes[source.type] : undefined;
  return source && type ? { type, id: source.id, eventId: source.eventId } : null;
};

const entryFields = (currency: string, lines: JournalLine[], source: EntrySource | null) => ({
  currency,
  total: formatMinor(
    lines.reduce((sum, line) => sum + line.debit, 0),
    currency,
  ),
  lines: lines.map((line) => ({ accountCode: line.accountCode, debit: formatMinor(line.debit, currency), credit: formatMinor(line.credit, currency) })),
  source: publicSource(source),
});

/** The integration event a stored ledger event publishes, or null (accounts opened and closed publish none). */
export const toLedgerIntegrationEvent = (stored: RecordedEvent): CloudEvent | null => {
  if (journalEntryEvents.has(stored.type)) {
    const event = journalEntryEvents.decode(stored);
    const type = ledgerIntegrationEventTypes[event.type];
    if (event.type === 'JournalEntryPosted') {
      const { entryId, date, memo, currency, lines, source } = event.data;
      return cloudEvent(LEDGER_SOURCE, event, type, entryId, { entryId, date, memo, ...entryFields(currency, lines, source) });
    }
    const { entryId, reversalEntryId, date, memo, reason, currency, lines, source } = event.data;
    return cloudEvent(LEDGER_SOURCE, event, type, entryId, { entryId, reversalEntryId, date, memo, reason, ...entryFields(currency, lines, source) });
  }
  if (stored.type === 'PeriodLocked' && chartEvents.has(stored.type)) {
    const event = chartEvents.decode(stored);
    if (event.type !== 'PeriodLocked') return null;
    const { chartId, through, previous } = event.data;
    return cloudEvent(LEDGER_SOURCE, event, ledgerIntegrationEventTypes.PeriodLocked, chartId, { chartId, through, previous });
  }
  return null;
};

const entryLine = closed({ accountCode: nonEmpty, debit: decimal, credit: decimal });
const entrySchema = {
  memo: { type: 'string' },
  currency: currencyCode,
  total: { ...decimal, description: 'The sum of the debits (equal to the sum of the credits).' },
  lines: { type: 'array', minItems: 2, items: entryLine },
  source: {
    description:
      'What caused an automatic posting, or null for a manual entry: the type and id of the integration event it came from, and the id of the record (invoice, payment or credit note).',
    oneOf: [{ type: 'null' }, closed({ type: nonEmpty, id: uuid, eventId: uuid })],
  },
} satisfies Record<string, JsonSchema>;

const entry = {
  entryId: '0f1e2d3c-4b5a-4697-8877-66554433aa11',
  date: '2026-12-06',
  memo: 'Invoice INV-2026-000042',
  currency: 'USD',
  total: '1200.00',
  lines: [
    { accountCode: '1100', debit: '1200.00', credit: '0.00' },
    { accountCode: '4000', debit: '0.00', credit: '1000.00' },
    { accountCode: '2200', debit: '0.00', credit: '200.00' },
  ],
  source: { type: 'billing.invoice.issued.v1', id: '8d7c6b5a-4938-4271-8f6e-5d4c3b2a1908', eventId: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b' },
};

const definition = (
  type: LedgerIntegrationEventType,
  description: string,
  schema: JsonSchema,
  example: Record<string, unknown>,
): IntegrationEventDefinition => ({
  type,
  context: 'ledger',
  topic: LEDGER_TOPIC,
  description,
  schema,
  example,
});

export const ledgerIntegrationEventDefinitions: readonly IntegrationEventDefinition[] = [
  definition(
    'ledger.journal_entry.posted.v1',
    'A balanced journal entry was posted (by a person, or automatically from a billing event).',
    closed({ entryId: uuid, date: businessDate, ...entrySchema }),
    entry,
  ),
  definition(
    'ledger.journal_entry.reversed.v1',
    'A posted entry was reversed by its mirror entry reversalEntryId (lines are the mirror lines).',
    closed({ entryId: uuid, reversalEntryId: uuid, date: businessDate, reason: nonEmpty, ...entrySchema }),
    {
      ...entry,
      reversalEntryId: '9e8d7c6b-5a49-4382-9716-05f4e3d2c1b0',
      date: '2026-12-07',
      memo: 'Reversal of invoice INV-2026-000042',
      reason: 'Invoice voided',
      lines: [
        { accountCode: '1100', debit: '0.00', credit: '1200.00' },
        { accountCode: '4000', debit: '1000.00', credit: '0.00' },
        { accountCode: '2200', debit: '200.00', credit: '0.00' },
      ],
    },
  ),
  definition(
    'ledger.period.locked.v1',
    'The books were locked through a date: nothing dated on or before it can be posted any more.',
    closed({ chartId: uuid, through: businessDate, previous: { ...nullableDate, description: 'The date locked before, or null.' } }),
    { chartId: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d', through: '2026-11-30', previous: '2026-10-31' },
  ),
];

/** The ledger's part of the integration catalogue (src/integration/integration-catalogue.ts). */
export const ledgerIntegrationEvents: IntegrationEventModule = {
  context: 'ledger',
  source: LEDGER_SOURCE,
  topic: LEDGER_TOPIC,
  definitions: ledgerIntegrationEventDefinitions,
  storedTypes: Object.keys(ledgerIntegrationEventTypes),
  toIntegrationEvent: toLedgerIntegrationEvent,
};
