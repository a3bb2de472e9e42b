import { BillingEvent } from '../../orders/public/billing.events';
import { creditNoteEntryId, invoiceIssueEntryId, paymentEntryId, planPosting } from './billing-postings';
import { reversalIdFor } from './journal-entry';

const tenantId = 'acme';
const invoiceId = 'a1b2c3d4-0000-4000-8000-000000000001';
const clientId = 'a1b2c3d4-0000-4000-8000-000000000002';
const issued: BillingEvent = {
  type: 'InvoiceIssued',
  data: {
    invoiceId,
    number: 'INV-2026-000001',
    orderId: 'o',
    clientId,
    currency: 'USD',
    issuedOn: '2026-03-01',
    dueOn: '2026-03-31',
    net: 10000,
    tax: 2000,
    total: 12000,
  },
};

describe('billing postings', () => {
  it('InvoiceIssued: Dr receivables total, Cr revenue net, Cr sales tax', () =>
    expect(planPosting(tenantId, issued, 'e1', null)).toEqual({
      kind: 'post',
      entryId: invoiceIssueEntryId(tenantId, invoiceId),
      date: '2026-03-01',
      memo: 'Invoice INV-2026-000001 issued',
      currency: 'USD',
      lines: [
        { accountCode: '1100', debit: 12000, credit: 0 },
        { accountCode: '4000', debit: 0, credit: 10000 },
        { accountCode: '2200', debit: 0, credit: 2000 },
      ],
      source: { type: 'InvoiceIssued', id: invoiceId, eventId: 'e1' },
    }));

  it('leaves out a zero tax line', () => {
    const plan = planPosting(tenantId, { ...issued, data: { ...issued.data, tax: 0, total: 10000 } } as BillingEvent, 'e1', null);
    expect(plan?.kind === 'post' && plan.lines.map((l) => l.accountCode)).toEqual(['1100', '4000']);
  });

  it('posts nothing for a zero invoice', () =>
    expect(planPosting(tenantId, { ...issued, data: { ...issued.data, net: 0, tax: 0, total: 0 } } as BillingEvent, 'e1', null)).toBeNull());

  it('PaymentRecorded: Dr cash, Cr receivables', () => {
    const plan = planPosting(
      tenantId,
      {
        type: 'PaymentRecorded',
        data: { invoiceId, paymentId: 'p1', clientId, currency: 'USD', amount: 5000, method: 'WIRE', reference: 'W-1', receivedOn: '2026-03-10' },
      },
      'e2',
      null,
    );
    expect(plan).toMatchObject({
      kind: 'post',
      entryId: paymentEntryId(tenantId, 'p1'),
      date: '2026-03-10',
      lines: [
        { accountCode: '1000', debit: 5000, credit: 0 },
        { accountCode: '1100', debit: 0, credit: 5000 },
      ],
    });
  });

  it('CreditNoteIssued: Dr revenue net and sales tax tax, Cr receivables amount', () => {
    const plan = planPosting(
      tenantId,
      {
        type: 'CreditNoteIssued',
        data: { invoiceId, creditNoteId: 'c1', clientId, currency: 'USD', amount: 1200, net: 1000, tax: 200, reason: 'damaged', issuedOn: '2026-03-12' },
      },
      'e3',
      null,
    );
    expect(plan).toMatchObject({
      entryId: creditNoteEntryId(tenantId, 'c1'),
      lines: [
        { accountCode: '4000', debit: 1000, credit: 0 },
        { accountCode: '2200', debit: 200, credit: 0 },
        { accountCode: '1100', debit: 0, credit: 1200 },
      ],
    });
  });

  it('InvoiceVoided: reverses the issue posting', () =>
    expect(
      planPosting(
        tenantId,
        {
          type: 'InvoiceVoided',
          data: { invoiceId, clientId, currency: 'USD', net: 10000, tax: 2000, total: 12000, reason: 'duplicate', voidedOn: '2026-03-05' },
        },
        'e4',
        null,
      ),
    ).toEqual({
      kind: 'reverse',
      entryId: invoiceIssueEntryId(tenantId, invoiceId),
      reversalEntryId: reversalIdFor(invoiceIssueEntryId(tenantId, invoiceId)),
      date: '2026-03-05',
      reason: 'invoice voided: duplicate',
      notBeforeEntry: true,
      source: { type: 'InvoiceVoided', id: invoiceId, eventId: 'e4' },
    }));

  it('posts a date in a locked period on the first open day, and says so', () => {
    const plan = planPosting(tenantId, issued, 'e1', '2026-03-31');
    expect(plan).toMatchObject({ date: '2026-04-01', memo: expect.stringContaining('dated 2026-03-01, in the period locked through 2026-03-31') });
  });

  it('derives the same entry id from the same source, whatever the event id', () =>
    expect((planPosting(tenantId, issued, 'e1', null) as { entryId: string }).entryId).toBe(
      (planPosting(tenantId, issued, 'e9', null) as { entryId: string }).entryId,
    ));
});
