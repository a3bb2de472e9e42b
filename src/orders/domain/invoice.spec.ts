import { deciderSpec, itRefuses } from '../../shared/domain/decider-spec';
import { IssueCreditNote, IssueInvoice, RecordPayment, invoiceDecider, splitCredit } from './invoice';
import { CreditNoteIssued, InvoiceFellOverdue, InvoiceFullyPaid, InvoiceIssued, InvoiceSent, InvoiceVoided, PaymentRecorded } from './invoice.events';

const given = deciderSpec(invoiceDecider);
const invoiceId = '1a2b3c4d-0000-4a43-9f38-1d8f8e0c7c11';
const orderId = '2b3c4d5e-0000-4a43-9f38-1d8f8e0c7c22';
const clientId = '3c4d5e6f-0000-4a43-9f38-1d8f8e0c7c33';
const today = '2026-11-21';

// 100.00 net at 20% tax
const issue: IssueInvoice = {
  type: 'IssueInvoice',
  invoiceId,
  number: 'INV-2026-000001',
  orderId,
  clientId,
  currency: 'USD',
  net: 10000,
  tax: 2000,
  total: 12000,
  issuedOn: '2026-11-20',
  dueOn: '2026-12-20',
};
const { type: _t, ...issuedData } = issue;
const issued: InvoiceIssued = { type: 'InvoiceIssued', data: issuedData };
const sent: InvoiceSent = { type: 'InvoiceSent', data: { invoiceId, sentOn: today } };
const pay = (amount: string, extra: Partial<RecordPayment> = {}): RecordPayment => ({
  type: 'RecordPayment',
  invoiceId,
  paymentId: 'p-1',
  amount,
  method: 'BANK_TRANSFER',
  reference: 'BANK-42',
  receivedOn: today,
  today,
  ...extra,
});
const paid = (amount: number, paymentId = 'p-1'): PaymentRecorded => ({
  type: 'PaymentRecorded',
  data: { invoiceId, paymentId, clientId, currency: 'USD', amount, method: 'BANK_TRANSFER', reference: 'BANK-42', receivedOn: today },
});
const fullyPaid: InvoiceFullyPaid = { type: 'InvoiceFullyPaid', data: { invoiceId, orderId, paidOn: today } };
const credit = (amount: string, extra: Partial<IssueCreditNote> = {}): IssueCreditNote => ({
  type: 'IssueCreditNote',
  invoiceId,
  creditNoteId: 'cn-1',
  amount,
  reason: 'damaged in transit',
  today,
  ...extra,
});
const credited = (amount: number, net: number, tax: number): CreditNoteIssued => ({
  type: 'CreditNoteIssued',
  data: { invoiceId, creditNoteId: 'cn-1', clientId, currency: 'USD', amount, net, tax, reason: 'damaged in transit', issuedOn: today },
});
const voided: InvoiceVoided = {
  type: 'InvoiceVoided',
  data: { invoiceId, clientId, currency: 'USD', net: 10000, tax: 2000, total: 12000, reason: 'ordered twice', voidedOn: today },
};

describe('Invoice', () => {
  describe('issueInvoice', () => {
    it('issues an invoice with its number, amounts and due date', () => given([]).when(issue).then([issued]));
    it('issues it only once', () => given([issued]).when(issue).thenThrows('INVOICE_ALREADY_ISSUED'));
    it('refuses amounts where net + tax is not the total', () =>
      given([])
        .when({ ...issue, total: 12001 })
        .thenThrows('INVOICE_AMOUNTS_INCONSISTENT'));
    it('refuses negative amounts', () =>
      given([])
        .when({ ...issue, net: -1, tax: 12001 })
        .thenThrows('INVOICE_AMOUNTS_INCONSISTENT'));
  });

  describe('sendInvoice', () => {
    it('sends an issued invoice', () => given([issued]).when({ type: 'SendInvoice', invoiceId, today }).then([sent]));
    it('records a resend', () => given([issued, sent]).when({ type: 'SendInvoice', invoiceId, today }).then([sent]));
    it('refuses an invoice that does not exist', () => given([]).when({ type: 'SendInvoice', invoiceId, today }).thenThrows('NOT_FOUND'));
    it('refuses a void invoice', () => given([issued, voided]).when({ type: 'SendInvoice', invoiceId, today }).thenThrows('INVOICE_VOID'));
    it('refuses a paid invoice', () =>
      given([issued, paid(12000), fullyPaid])
        .when({ type: 'SendInvoice', invoiceId, today })
        .thenThrows('INVOICE_ALREADY_PAID'));
  });

  describe('recordPayment', () => {
    it('records a partial payment', () =>
      given([issued, sent])
        .when(pay('50.00'))
        .then([paid(5000)]));
    it('records the final payment and says the invoice is fully paid', () =>
      given([issued, sent, paid(5000, 'p-0')])
        .when(pay('70'))
        .then([paid(7000), fullyPaid]));
    it('pays in full at once', () =>
      given([issued])
        .when(pay('120.00'))
        .then([paid(12000), fullyPaid]));
    it('counts credit notes against the balance', () =>
      given([issued, credited(2000, 1667, 333)])
        .when(pay('100.00'))
        .then([paid(10000), fullyPaid]));
    it('refuses an overpayment, naming the balance due', () => {
      given([issued, paid(5000, 'p-0')])
        .when(pay('70.01'))
        .thenThrows('PAYMENT_EXCEEDS_BALANCE');
      expect(() => invoiceDecider.decide(pay('70.01'), [issued, paid(5000, 'p-0')].reduce(invoiceDecider.evolve, invoiceDecider.initialState()))).toThrow(
        /balance due of 70\.00 USD/,
      );
    });
    it('refuses a payment on a paid invoice', () =>
      given([issued, paid(12000), fullyPaid])
        .when(pay('1'))
        .thenThrows('INVOICE_ALREADY_PAID'));
    it('refuses a payment on a void invoice', () => given([issued, voided]).when(pay('1')).thenThrows('INVOICE_VOID'));
    it('refuses zero', () => given([issued]).when(pay('0.00')).thenThrows('AMOUNT_NOT_POSITIVE'));
    it('refuses a negative amount', () => given([issued]).when(pay('-5')).thenThrows('BAD_USER_INPUT'));
    it('refuses more decimals than the currency has', () => given([issued]).when(pay('1.001')).thenThrows('BAD_USER_INPUT'));
    itRefuses(given([issued]).when, pay('1'), [
      ['requires a method', { method: ' ' }, 'METHOD_REQUIRED'],
      ['requires a reference', { reference: '' }, 'REFERENCE_REQUIRED'],
      ['refuses a payment received in the future', { receivedOn: '2026-11-22' }, 'PAYMENT_DATE_IN_FUTURE'],
      ['refuses a payment received before the invoice was issued', { receivedOn: '2026-11-19' }, 'PAYMENT_DATE_BEFORE_ISSUE'],
    ]);
    it('refuses an invoice that does not exist', () => given([]).when(pay('1')).thenThrows('NOT_FOUND'));
  });

  describe('issueCreditNote', () => {
    it('credits part of the balance, split into net and tax in the invoice proportion, rounded half-up', () =>
      // 20.00 of a 100 + 20 invoice: net 16.666.. -> 16.67, tax the rest
      given([issued])
        .when(credit('20.00'))
        .then([credited(2000, 1667, 333)]));
    it('credits the whole balance and settles the invoice', () =>
      given([issued])
        .when(credit('120.00'))
        .then([credited(12000, 10000, 2000), fullyPaid]));
    it('refuses more than the balance due', () =>
      given([issued, paid(10000)])
        .when(credit('20.01'))
        .thenThrows('CREDIT_EXCEEDS_BALANCE'));
    it('requires a reason', () =>
      given([issued])
        .when(credit('1', { reason: ' ' }))
        .thenThrows('REASON_REQUIRED'));
    it('refuses zero', () => given([issued]).when(credit('0')).thenThrows('AMOUNT_NOT_POSITIVE'));
    it('refuses a void invoice', () => given([issued, voided]).when(credit('1')).thenThrows('INVOICE_VOID'));
    it('refuses a paid invoice', () =>
      given([issued, paid(12000), fullyPaid])
        .when(credit('1'))
        .thenThrows('INVOICE_ALREADY_PAID'));
    it('keeps credits that add up to the invoice exactly equal to its net and tax', () => {
      const invoice = { net: 10000, total: 12000, credited: 0, creditedNet: 0 };
      const first = splitCredit(invoice, 1);
      const second = splitCredit({ ...invoice, credited: 1, creditedNet: first.net }, 11999);
      expect(first.net + first.tax).toBe(1);
      expect(first.net + second.net).toBe(10000);
      expect(first.tax + second.tax).toBe(2000);
    });
  });

  describe('voidInvoice', () => {
    const voidIt = { type: 'VoidInvoice' as const, invoiceId, reason: 'ordered twice', today };
    it('voids an invoice with no payment', () => given([issued, sent]).when(voidIt).then([voided]));
    it('refuses once a payment is recorded', () =>
      given([issued, paid(100)])
        .when(voidIt)
        .thenThrows('VOID_AFTER_PAYMENT'));
    it('refuses once a credit note is issued', () =>
      given([issued, credited(2000, 1667, 333)])
        .when(voidIt)
        .thenThrows('VOID_AFTER_CREDIT_NOTE'));
    it('refuses a void invoice', () => given([issued, voided]).when(voidIt).thenThrows('INVOICE_VOID'));
    it('requires a reason', () =>
      given([issued])
        .when({ ...voidIt, reason: '' })
        .thenThrows('REASON_REQUIRED'));
  });

  describe('status', () => {
    const status = (events: Parameters<typeof invoiceDecider.evolve>[1][]) => events.reduce(invoiceDecider.evolve, invoiceDecider.initialState()).status;
    it('moves ISSUED -> SENT -> PARTIALLY_PAID -> PAID', () => {
      expect(status([issued])).toBe('ISSUED');
      expect(status([issued, sent])).toBe('SENT');
      expect(status([issued, sent, paid(100)])).toBe('PARTIALLY_PAID');
      expect(status([issued, sent, paid(100), sent])).toBe('PARTIALLY_PAID');
      expect(status([issued, sent, paid(100), paid(11900), fullyPaid])).toBe('PAID');
      expect(status([issued, voided])).toBe('VOID');
    });
  });

  describe('markInvoiceOverdue (the overdue detector)', () => {
    const mark = (on: string) => ({ type: 'MarkInvoiceOverdue' as const, invoiceId, today: on });
    const overdue = (overdueOn: string, amountDue = 12000): InvoiceFellOverdue => ({
      type: 'InvoiceFellOverdue',
      data: { invoiceId, dueOn: '2026-12-20', overdueOn, amountDue },
    });
    it('does nothing on the due date itself', () => given([issued, sent]).when(mark('2026-12-20')).then([]));
    it('marks an unpaid invoice overdue the day after its due date, with the balance due', () =>
      given([issued, sent, paid(5000)])
        .when(mark('2026-12-21'))
        .then([overdue('2026-12-21', 7000)]));
    it('marks it once', () =>
      given([issued, overdue('2026-12-21')])
        .when(mark('2026-12-22'))
        .then([]));
    it('never marks a paid invoice', () =>
      given([issued, paid(12000), fullyPaid])
        .when(mark('2027-02-01'))
        .then([]));
    it('never marks a void invoice', () => given([issued, voided]).when(mark('2027-02-01')).then([]));
    it('never marks an invoice credited in full', () =>
      given([issued, credited(12000, 10000, 2000), fullyPaid])
        .when(mark('2027-02-01'))
        .then([]));
    it('refuses an invoice that does not exist', () => given([]).when(mark('2027-02-01')).thenThrows('NOT_FOUND'));
  });

  describe('bounded lists', () => {
    const payments = Array.from({ length: 100 }, (_, i) => paid(1, `p-${i}`));
    it('takes a 100th payment', () =>
      given([issued, ...payments.slice(1)])
        .when(pay('0.01', { paymentId: 'p-last' }))
        .then([paid(1, 'p-last')]));
    it('refuses a 101st payment, however small', () =>
      given([issued, ...payments])
        .when(pay('0.01', { paymentId: 'p-last' }))
        .thenThrows('TOO_MANY_SETTLEMENTS'));
    it('refuses a 101st credit note', () =>
      given([issued, ...Array.from({ length: 100 }, () => credited(1, 1, 0))])
        .when(credit('0.01', { creditNoteId: 'cn-last' }))
        .thenThrows('TOO_MANY_SETTLEMENTS'));
  });
});
