import { deciderSpec, itRefuses } from '../../shared/domain/decider-spec';
import { DraftQuote, quoteDecider } from './quote';
import { QuoteAccepted, QuoteDrafted, QuoteExpired, QuoteRejected, QuoteRevised, QuoteSent } from './quote.events';

const given = deciderSpec(quoteDecider);
const quoteId = '8b1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11';
const clientId = 'c0a2b3d4-1111-4a43-9f38-1d8f8e0c7c22';
const productId = '7a1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11';
const today = '2026-11-21';

const draft: DraftQuote = {
  type: 'DraftQuote',
  quoteId,
  clientId,
  currency: 'USD',
  validUntil: '2026-12-31',
  today,
  lines: [
    { productId, description: ' Widget ', quantity: '3', unitPrice: '0.35', taxRate: '7.5' },
    { description: 'Setup', quantity: '1.5', unitPrice: '100', taxRate: '20' },
  ],
};
// 3 x 0.35 = 1.05; 7.5% of 1.05 = 0.07875 -> 0.08 (half-up). 1.5 x 100 = 150.00; 20% = 30.00.
const drafted: QuoteDrafted = {
  type: 'QuoteDrafted',
  data: {
    quoteId,
    clientId,
    currency: 'USD',
    validUntil: '2026-12-31',
    revision: 1,
    lines: [
      { productId, description: 'Widget', quantity: '3', unitPrice: 35, taxRate: '7.5', net: 105, tax: 8 },
      { productId: null, description: 'Setup', quantity: '1.5', unitPrice: 10000, taxRate: '20', net: 15000, tax: 3000 },
    ],
    net: 15105,
    tax: 3008,
    total: 18113,
  },
};
const sent: QuoteSent = { type: 'QuoteSent', data: { quoteId, revision: 1, sentOn: today } };
const accepted: QuoteAccepted = { type: 'QuoteAccepted', data: { quoteId, revision: 1, acceptedOn: today } };
const rejected: QuoteRejected = { type: 'QuoteRejected', data: { quoteId, reason: 'too dear' } };
const expired: QuoteExpired = { type: 'QuoteExpired', data: { quoteId, validUntil: '2026-12-31' } };
const later = '2027-01-01';
const newLines = [{ description: 'Consulting', quantity: '2', unitPrice: '0.05', taxRate: '10' }];

describe('Quote', () => {
  describe('draftQuote', () => {
    it('prices each line (tax per line, half-up) and totals the quote', () => given([]).when(draft).then([drafted]));
    it('rounds a half minor unit of tax up', () =>
      given([])
        .when({ ...draft, validUntil: null, lines: [{ description: 'x', quantity: '1', unitPrice: '0.10', taxRate: '5' }] })
        .then([
          {
            type: 'QuoteDrafted',
            data: {
              ...drafted.data,
              validUntil: null,
              lines: [{ productId: null, description: 'x', quantity: '1', unitPrice: 10, taxRate: '5', net: 10, tax: 1 }],
              net: 10,
              tax: 1,
              total: 11,
            },
          },
        ]));
    const [line] = draft.lines;
    itRefuses(given([]).when, draft, [
      ['refuses a quote with no lines', { lines: [] }, 'QUOTE_NEEDS_LINES'],
      ['refuses a line without a description', { lines: [{ ...line, description: ' ' }] }, 'DESCRIPTION_REQUIRED'],
      ['refuses a zero quantity', { lines: [{ ...line, quantity: '0' }] }, 'QUANTITY_NOT_POSITIVE'],
      ['refuses a quantity that is not a number', { lines: [{ ...line, quantity: 'three' }] }, 'BAD_USER_INPUT'],
      ['refuses a negative unit price', { lines: [{ ...line, unitPrice: '-1' }] }, 'BAD_USER_INPUT'],
      ['refuses a validUntil in the past', { validUntil: '2026-11-20' }, 'VALID_UNTIL_IN_PAST'],
    ]);
    it('refuses to draft the same quote twice', () => given([drafted]).when(draft).thenThrows('QUOTE_ALREADY_EXISTS'));
  });

  describe('reviseQuote', () => {
    const revise = { type: 'ReviseQuote' as const, quoteId, lines: newLines, today };
    const revised: QuoteRevised = {
      type: 'QuoteRevised',
      data: {
        quoteId,
        validUntil: '2026-12-31',
        revision: 2,
        lines: [{ productId: null, description: 'Consulting', quantity: '2', unitPrice: 5, taxRate: '10', net: 10, tax: 1 }],
        net: 10,
        tax: 1,
        total: 11,
      },
    };
    it('replaces the lines of a DRAFT quote in a new revision', () => given([drafted]).when(revise).then([revised]));
    it('revises a SENT quote too (it becomes a DRAFT to send again)', () => given([drafted, sent]).when(revise).then([revised]));
    it('sets a new validUntil', () =>
      given([drafted])
        .when({ ...revise, validUntil: '2027-02-01' })
        .then([{ ...revised, data: { ...revised.data, validUntil: '2027-02-01' } }]));
    it('rescues a quote past its date with a new validUntil', () =>
      given([drafted])
        .when({ ...revise, today: later, validUntil: '2027-02-01' })
        .then([{ ...revised, data: { ...revised.data, validUntil: '2027-02-01' } }]));
    it('refuses a quote past its date without a new one', () =>
      given([drafted])
        .when({ ...revise, today: later })
        .thenThrows('QUOTE_EXPIRED'));
    it.each([
      ['ACCEPTED', [drafted, sent, accepted]],
      ['REJECTED', [drafted, sent, rejected]],
      ['EXPIRED', [drafted, expired]],
    ])('refuses an %s quote', (_status, history) => given(history).when(revise).thenThrows('QUOTE_NOT_EDITABLE'));
    it('refuses a quote that does not exist', () => given([]).when(revise).thenThrows('NOT_FOUND'));
  });

  describe('sendQuote', () => {
    it('sends a DRAFT quote', () => given([drafted]).when({ type: 'SendQuote', quoteId, today }).then([sent]));
    it('refuses a SENT quote', () => given([drafted, sent]).when({ type: 'SendQuote', quoteId, today }).thenThrows('QUOTE_NOT_DRAFT'));
    it('refuses a quote past its date', () => given([drafted]).when({ type: 'SendQuote', quoteId, today: later }).thenThrows('QUOTE_EXPIRED'));
  });

  describe('acceptQuote', () => {
    it('accepts a SENT quote', () => given([drafted, sent]).when({ type: 'AcceptQuote', quoteId, today }).then([accepted]));
    it('accepts on its last valid day', () =>
      given([drafted, sent])
        .when({ type: 'AcceptQuote', quoteId, today: '2026-12-31' })
        .then([{ ...accepted, data: { ...accepted.data, acceptedOn: '2026-12-31' } }]));
    it('refuses a quote past its date, even before the expiry job ran', () =>
      given([drafted, sent]).when({ type: 'AcceptQuote', quoteId, today: later }).thenThrows('QUOTE_EXPIRED'));
    it('refuses an EXPIRED quote', () => given([drafted, sent, expired]).when({ type: 'AcceptQuote', quoteId, today }).thenThrows('QUOTE_EXPIRED'));
    it('refuses a DRAFT quote (send it first)', () => given([drafted]).when({ type: 'AcceptQuote', quoteId, today }).thenThrows('QUOTE_NOT_SENT'));
    it('refuses a REJECTED quote', () => given([drafted, sent, rejected]).when({ type: 'AcceptQuote', quoteId, today }).thenThrows('QUOTE_NOT_SENT'));
  });

  describe('rejectQuote', () => {
    it('rejects a SENT quote with a reason', () => given([drafted, sent]).when({ type: 'RejectQuote', quoteId, reason: ' too dear ' }).then([rejected]));
    it('requires a reason', () => given([drafted, sent]).when({ type: 'RejectQuote', quoteId, reason: '' }).thenThrows('REASON_REQUIRED'));
    it('refuses an ACCEPTED quote', () => given([drafted, sent, accepted]).when({ type: 'RejectQuote', quoteId, reason: 'x' }).thenThrows('QUOTE_NOT_SENT'));
  });

  describe('expiry', () => {
    it('expires a SENT quote past its date', () => given([drafted, sent]).when({ type: 'ExpireQuote', quoteId, today: later }).then([expired]));
    it('expires a DRAFT quote past its date', () => given([drafted]).when({ type: 'ExpireQuote', quoteId, today: later }).then([expired]));
    it('leaves a quote alone on its last valid day', () => given([drafted, sent]).when({ type: 'ExpireQuote', quoteId, today: '2026-12-31' }).then([]));
    it('leaves an ACCEPTED quote alone', () => given([drafted, sent, accepted]).when({ type: 'ExpireQuote', quoteId, today: later }).then([]));
    it('expires only once', () => given([drafted, expired]).when({ type: 'ExpireQuote', quoteId, today: later }).then([]));
    it('never expires a quote without a date', () =>
      given([{ ...drafted, data: { ...drafted.data, validUntil: null } }])
        .when({ type: 'ExpireQuote', quoteId, today: '2099-01-01' })
        .then([]));
  });
});
