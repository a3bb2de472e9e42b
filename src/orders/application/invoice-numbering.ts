import { Inject, Injectable } from '@nestjs/common';
import { CommandContext, metadataFor } from '../../shared/command/command-context';
import { fold } from '../../shared/domain/decider';
import { ConcurrencyError } from '../../shared/domain/domain-error';
import { deterministicId } from '../../shared/domain/ids';
import { EVENT_STORE, EventStore, RecordedEvent, WrongExpectedRevisionError } from '../../shared/event-store/event-store.port';
import { invoiceCounterDecider } from '../domain/invoice-number';
import { invoiceCounterStream } from '../domain/invoice.events';
import { invoiceCounterEvents } from '../domain/orders.events';

/** How many of the counter's newest events a retry looks through for the number it already took. */
const TAIL = 100;
const MAX_ATTEMPTS = 10;

/**
 * Hands out invoice numbers per tenant with no gaps: each number is an event on the tenant's
 * counter stream, appended at the exact revision read, and names the invoice it went to. A retry
 * (after a crash between taking the number and issuing the invoice) finds that event and reuses
 * the number. Only the counter's tail is read, so taking a number costs the same in year ten.
 */
@Injectable()
export class InvoiceNumbering {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async assign(invoiceId: string, orderId: string, year: number, context: CommandContext): Promise<string> {
    const stream = invoiceCounterStream(context.tenantId);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const newestFirst = await this.store.readStream(stream, { direction: 'backwards', maxCount: TAIL });
      const state = fold(invoiceCounterDecider, counterEvents([...newestFirst].reverse()));
      const already = state.assigned[invoiceId];
      if (already) return already;

      const [assigned] = invoiceCounterDecider.decide({ type: 'AssignInvoiceNumber', invoiceId, orderId, year }, state);
      const expected = newestFirst.length === 0 ? ('no_stream' as const) : newestFirst[0].revision;
      try {
        const result = await this.store.appendToStream(
          stream,
          // The id derives from the invoice: an assignment older than the tail is recognised by the store.
          [
            {
              id: deterministicId(context.tenantId, 'invoice-number', invoiceId),
              type: assigned.type,
              data: assigned.data,
              metadata: { ...metadataFor(context), ...invoiceCounterEvents.versionMetadata(assigned.type) },
            },
          ],
          { expectedRevision: expected },
        );
        const appended = expected === 'no_stream' ? 0n : expected + 1n;
        if (result.nextRevision === appended) return assigned.data.number;
        return this.findAssigned(stream, invoiceId);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw new ConcurrencyError(stream, MAX_ATTEMPTS);
  }

  /** The slow path: the store said this invoice's assignment is already stored, further back than the tail. */
  private async findAssigned(stream: string, invoiceId: string): Promise<string> {
    const state = fold(invoiceCounterDecider, counterEvents(await this.store.readStream(stream)));
    const number = state.assigned[invoiceId];
    if (!number) throw new Error(`${stream}: the number of invoice ${invoiceId} was reported stored but is not in the stream`);
    return number;
  }
}

/** The counter stream holds only InvoiceNumberAssigned: anything else stops with an error naming it and its position. */
const counterEvents = (events: RecordedEvent[]) => invoiceCounterEvents.decodeAll(events);
