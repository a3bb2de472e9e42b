import { deciderSpec } from '../../shared/domain/decider-spec';
import { AssignInvoiceNumber, dueDate, formatInvoiceNumber, invoiceCounterDecider } from './invoice-number';
import { InvoiceNumberAssigned } from './invoice.events';

const given = deciderSpec(invoiceCounterDecider);
const assign = (invoiceId: string, year = 2026): AssignInvoiceNumber => ({ type: 'AssignInvoiceNumber', invoiceId, orderId: `order-of-${invoiceId}`, year });
const assigned = (invoiceId: string, year: number, sequence: number): InvoiceNumberAssigned => ({
  type: 'InvoiceNumberAssigned',
  data: { invoiceId, orderId: `order-of-${invoiceId}`, year, sequence, number: formatInvoiceNumber(year, sequence) },
});

describe('Invoice numbering', () => {
  it('starts at INV-<year>-000001', () =>
    given([])
      .when(assign('a'))
      .then([assigned('a', 2026, 1)]));
  it('takes the next number, without gaps', () =>
    given([assigned('a', 2026, 1), assigned('b', 2026, 2)])
      .when(assign('c'))
      .then([assigned('c', 2026, 3)]));
  it('reuses the number an invoice already took (a retry after a crash)', () =>
    given([assigned('a', 2026, 1), assigned('b', 2026, 2)])
      .when(assign('a'))
      .then([]));
  it('starts again at 1 in a new year', () =>
    given([assigned('a', 2026, 41)])
      .when(assign('b', 2027))
      .then([assigned('b', 2027, 1)]));
  it('never goes back a year', () =>
    given([assigned('a', 2027, 3)])
      .when(assign('b', 2026))
      .then([assigned('b', 2027, 4)]));
  it('formats six digits', () => expect(formatInvoiceNumber(2026, 1234567)).toBe('INV-2026-1234567'));
});

describe('due date', () => {
  it('adds the payment terms in calendar days', () => {
    expect(dueDate('2026-11-21', 30)).toBe('2026-12-21');
    expect(dueDate('2026-12-15', 30)).toBe('2027-01-14');
    expect(dueDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(dueDate('2026-11-21', 0)).toBe('2026-11-21');
  });
});
