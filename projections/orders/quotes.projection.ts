import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { ordersEvents, quoteEvents } from '../../src/orders/domain/orders.events';
import { EventOf } from '../../src/shared/domain/event-registry';
import { QuoteLine } from '../../src/orders/domain/quote.events';

export interface QuoteRow {
  id: string;
  tenant_id: string;
  client_id: string;
  status: string;
  currency: string;
  valid_until: string | null;
  quote_revision: number;
  lines: QuoteLine[];
  /** Line descriptions, for search. */
  search: string;
  net: number | string;
  tax: number | string;
  total: number | string;
  sent_on: string | null;
  accepted_on: string | null;
  rejection_reason: string | null;
  order_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  revision: string;
}

/** A quote's own events, and the order placed from it (on the order's stream). */
const quoteRead = ordersEvents.only('orders.quotes', [...quoteEvents.types, 'OrderPlaced']);
type QuoteRead = EventOf<typeof quoteRead>;

const searchText = (lines: QuoteLine[]) => lines.map((line) => line.description).join('\n');

/** What a draft (first or revised) sets: its terms, lines and amounts, and DRAFT until sent again. */
const draftContent = ({ validUntil, revision, lines, net, tax, total }: Extract<QuoteRead, { type: 'QuoteRevised' }>['data']) => ({
  status: 'DRAFT',
  valid_until: validUntil,
  quote_revision: revision,
  lines,
  search: searchText(lines),
  net,
  tax,
  total,
  sent_on: null,
});

export const applyQuoteEvent = (row: QuoteRow | null, event: Recorded<QuoteRead>): QuoteRow | null => {
  const touched = { updated_at: event.recordedAt, revision: event.revision.toString() };
  if (event.type === 'QuoteDrafted') {
    const { quoteId, clientId, currency } = event.data;
    return {
      id: quoteId,
      tenant_id: event.metadata.tenantId,
      client_id: clientId,
      currency,
      ...draftContent(event.data),
      accepted_on: null,
      rejection_reason: null,
      order_id: null,
      created_at: event.recordedAt,
      ...touched,
    };
  }
  if (!row) return null;
  switch (event.type) {
    case 'QuoteRevised':
      return { ...row, ...draftContent(event.data), ...touched };
    case 'QuoteSent':
      return { ...row, status: 'SENT', sent_on: event.data.sentOn, ...touched };
    case 'QuoteAccepted':
      return { ...row, status: 'ACCEPTED', accepted_on: event.data.acceptedOn, ...touched };
    case 'QuoteRejected':
      return { ...row, status: 'REJECTED', rejection_reason: event.data.reason, ...touched };
    case 'QuoteExpired':
      return { ...row, status: 'EXPIRED', ...touched };
    case 'OrderPlaced':
      // Not the quote's own stream: its revision stays the quote stream's.
      return { ...row, order_id: event.data.orderId, updated_at: event.recordedAt };
  }
};

export const quotesProjection = rowProjection({
  name: 'orders.quotes',
  table: 'orders_quotes',
  handles: quoteRead.types,
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    client_id: 'uuid',
    status: 'text',
    currency: 'text',
    valid_until: 'text',
    quote_revision: 'integer',
    lines: 'jsonb',
    search: 'text',
    net: 'bigint',
    tax: 'bigint',
    total: 'bigint',
    sent_on: 'text',
    accepted_on: 'text',
    rejection_reason: 'text',
    order_id: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    revision: 'bigint',
  },
  events: quoteRead,
  key: (event) => event.data.quoteId,
  apply: applyQuoteEvent,
});
