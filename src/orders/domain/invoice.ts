import { assertNever, recordDecider } from '../../shared/domain/decider';
import { Existing, existing } from '../../shared/domain/guards';
import { divideHalfUp, formatMinor, toMinor } from '../../shared/domain/money';
import { CreditNoteIssued, InvoiceEvent, InvoiceFullyPaid, InvoiceIssued } from './invoice.events';
import { OrdersError, OrdersErrorCode } from './orders.error';
import { invoiceEvents } from './orders.events';

export type InvoiceStatus = 'ISSUED' | 'SENT' | 'PARTIALLY_PAID' | 'PAID' | 'VOID';

/** Sent by the invoicing process manager once the order's delivery is confirmed: the invoice as it is to be issued. */
export type IssueInvoice = { type: 'IssueInvoice' } & InvoiceIssued['data'];
export type SendInvoice = { type: 'SendInvoice'; invoiceId: string; today: string };
/** `amount` is the decimal string the person typed; it is read in the invoice's currency. */
export type RecordPayment = {
  type: 'RecordPayment';
  invoiceId: string;
  paymentId: string;
  amount: string;
  method: string;
  reference: string;
  receivedOn: string;
  today: string;
};
export type IssueCreditNote = { type: 'IssueCreditNote'; invoiceId: string; creditNoteId: string; amount: string; reason: string; today: string };
export type VoidInvoice = { type: 'VoidInvoice'; invoiceId: string; reason: string; today: string };
/** Sent by the overdue detector: a no-op unless the invoice is open, past its due date as of `today`, and not yet marked. */
export type MarkInvoiceOverdue = { type: 'MarkInvoiceOverdue'; invoiceId: string; today: string };
export type InvoiceCommand = IssueInvoice | SendInvoice | RecordPayment | IssueCreditNote | VoidInvoice | MarkInvoiceOverdue;

/** What has happened to an invoice since it was issued. */
type Progress = {
  paid: number;
  credited: number;
  creditedNet: number;
  creditedTax: number;
  sent: boolean;
  overdue: boolean;
  /** How many payments and credit notes the invoice has: each list is bounded (MAX_SETTLEMENTS). */
  payments: number;
  creditNotes: number;
};

/** The most payments, and the most credit notes, one invoice takes: its lists stay short enough to show whole. */
export const MAX_SETTLEMENTS = 100;

const refuseMore = (count: number, invoice: ExistingInvoice, what: string) => {
  if (count >= MAX_SETTLEMENTS)
    throw new OrdersError(OrdersErrorCode.TooManySettlements, `Invoice ${invoice.number} already has ${MAX_SETTLEMENTS} ${what}, the most one invoice takes`);
};
export type Invoice = { status: 'NONE' } | ({ status: InvoiceStatus; id: string } & Omit<InvoiceIssued['data'], 'invoiceId'> & Progress);

type ExistingInvoice = Existing<Invoice>;

export const balanceDue = (invoice: ExistingInvoice): number => invoice.total - invoice.paid - invoice.credited;

/** Payments and credit notes apply only to an invoice that is still open. */
const open = (invoice: ExistingInvoice, action: string): ExistingInvoice => {
  if (invoice.status === 'VOID') throw new OrdersError(OrdersErrorCode.InvoiceVoid, `Invoice ${invoice.number} is void; cannot ${action}`);
  if (invoice.status === 'PAID')
    throw new OrdersError(OrdersErrorCode.InvoiceAlreadyPaid, `Invoice ${invoice.number} is already paid in full; cannot ${action}`);
  return invoice;
};

/** What a payment or a credit note may apply to the balance, and what the refusal says when it is more. */
type Application = { code: OrdersErrorCode.PaymentExceedsBalance | OrdersErrorCode.CreditExceedsBalance; what: string; instead: string };
const PAYMENT: Application = { code: OrdersErrorCode.PaymentExceedsBalance, what: 'A payment', instead: 'record at most the balance due' };
const CREDIT_NOTE: Application = { code: OrdersErrorCode.CreditExceedsBalance, what: 'A credit note', instead: 'credit at most the balance due' };

/** The amount, in the invoice's minor units: more than zero and at most the balance due. */
const applicableAmount = (amount: string, invoice: ExistingInvoice, application: Application): number => {
  const minor = toMinor(amount, invoice.currency, 'amount');
  if (minor <= 0) throw new OrdersError(OrdersErrorCode.AmountNotPositive, `The amount must be more than zero; got "${amount}"`);
  const balance = balanceDue(invoice);
  if (minor > balance)
    throw new OrdersError(
      application.code,
      `${application.what} of ${formatMinor(minor, invoice.currency)} ${invoice.currency} is more than the balance due of ` +
        `${formatMinor(balance, invoice.currency)} ${invoice.currency} on invoice ${invoice.number}; ${application.instead}`,
      { balanceDue: formatMinor(balance, invoice.currency), currency: invoice.currency },
    );
  return minor;
};

const fullyPaidIfSettled = (invoice: ExistingInvoice, applied: number, on: string): InvoiceFullyPaid[] =>
  balanceDue(invoice) - applied === 0 ? [{ type: 'InvoiceFullyPaid', data: { invoiceId: invoice.id, orderId: invoice.orderId, paidOn: on } }] : [];

/**
 * A credit note's net and tax, in the invoice's proportion, rounded half-up. Computed on the
 * running total of credits, so that credits adding up to the whole invoice add up to exactly its
 * net and its tax, whatever the rounding of each note.
 */
export const splitCredit = (invoice: Pick<ExistingInvoice, 'net' | 'total' | 'credited' | 'creditedNet'>, amount: number) => {
  const netAfter = Number(divideHalfUp(BigInt(invoice.credited + amount) * BigInt(invoice.net), BigInt(invoice.total)));
  const net = netAfter - invoice.creditedNet;
  return { net, tax: amount - net };
};

export const decide = (command: InvoiceCommand, state: Invoice): InvoiceEvent[] => {
  switch (command.type) {
    case 'IssueInvoice': {
      if (state.status !== 'NONE')
        throw new OrdersError(OrdersErrorCode.InvoiceAlreadyIssued, `Invoice ${command.invoiceId} was already issued as ${state.number}`);
      const { net, tax, total } = command;
      if (net < 0 || tax < 0 || net + tax !== total)
        throw new OrdersError(OrdersErrorCode.InvoiceAmountsInconsistent, `An invoice needs net + tax = total, none negative; got ${net} + ${tax} vs ${total}`);
      const { invoiceId, number, orderId, clientId, currency, issuedOn, dueOn } = command;
      return [{ type: 'InvoiceIssued', data: { invoiceId, number, orderId, clientId, currency, issuedOn, dueOn, net, tax, total } }];
    }
    case 'SendInvoice': {
      const invoice = existing(state, 'invoice', command.invoiceId);
      if (invoice.status === 'VOID') throw new OrdersError(OrdersErrorCode.InvoiceVoid, `Invoice ${invoice.number} is void; a void invoice is not sent`);
      if (invoice.status === 'PAID')
        throw new OrdersError(OrdersErrorCode.InvoiceAlreadyPaid, `Invoice ${invoice.number} is already paid in full; there is nothing to send`);
      return [{ type: 'InvoiceSent', data: { invoiceId: invoice.id, sentOn: command.today } }];
    }
    case 'RecordPayment': {
      const invoice = open(existing(state, 'invoice', command.invoiceId), 'record a payment');
      refuseMore(invoice.payments, invoice, 'payments');
      const amount = applicableAmount(command.amount, invoice, PAYMENT);
      const method = OrdersError.requiredText(command.method, OrdersErrorCode.MethodRequired, 'Say how the payment was made (bank transfer, card, cash...)');
      const reference = OrdersError.requiredText(
        command.reference,
        OrdersErrorCode.ReferenceRequired,
        'Give the payment reference (bank reference, receipt number...)',
      );
      if (command.receivedOn > command.today)
        throw new OrdersError(
          OrdersErrorCode.PaymentDateInFuture,
          `A payment cannot be received in the future (${command.receivedOn}); today is ${command.today}`,
        );
      if (command.receivedOn < invoice.issuedOn)
        throw new OrdersError(
          OrdersErrorCode.PaymentDateBeforeIssue,
          `A payment against invoice ${invoice.number} cannot be received before it was issued on ${invoice.issuedOn}`,
        );
      return [
        {
          type: 'PaymentRecorded',
          data: {
            invoiceId: invoice.id,
            paymentId: command.paymentId,
            clientId: invoice.clientId,
            currency: invoice.currency,
            amount,
            method,
            reference,
            receivedOn: command.receivedOn,
          },
        },
        ...fullyPaidIfSettled(invoice, amount, command.receivedOn),
      ];
    }
    case 'IssueCreditNote': {
      const invoice = open(existing(state, 'invoice', command.invoiceId), 'issue a credit note');
      refuseMore(invoice.creditNotes, invoice, 'credit notes');
      const amount = applicableAmount(command.amount, invoice, CREDIT_NOTE);
      const reason = OrdersError.requiredText(command.reason, OrdersErrorCode.ReasonRequired, 'Say why the credit note is issued');
      const credit: CreditNoteIssued = {
        type: 'CreditNoteIssued',
        data: {
          invoiceId: invoice.id,
          creditNoteId: command.creditNoteId,
          clientId: invoice.clientId,
          currency: invoice.currency,
          amount,
          ...splitCredit(invoice, amount),
          reason,
          issuedOn: command.today,
        },
      };
      return [credit, ...fullyPaidIfSettled(invoice, amount, command.today)];
    }
    case 'VoidInvoice': {
      const invoice = existing(state, 'invoice', command.invoiceId);
      if (invoice.status === 'VOID') throw new OrdersError(OrdersErrorCode.InvoiceVoid, `Invoice ${invoice.number} is already void`);
      if (invoice.paid > 0)
        throw new OrdersError(
          OrdersErrorCode.VoidAfterPayment,
          `Invoice ${invoice.number} has payments recorded (${formatMinor(invoice.paid, invoice.currency)} ${invoice.currency}); ` +
            'only an invoice with no payment can be voided: issue a credit note for the balance instead',
        );
      // The ledger voids by reversing the whole issue posting; with a credit note already posted that would credit twice.
      if (invoice.credited > 0)
        throw new OrdersError(
          OrdersErrorCode.VoidAfterCreditNote,
          `Invoice ${invoice.number} has credit notes; credit the remaining balance instead of voiding it`,
        );
      const reason = OrdersError.requiredText(command.reason, OrdersErrorCode.ReasonRequired, 'Say why the invoice is voided');
      const { net, tax, total, clientId, currency } = invoice;
      return [{ type: 'InvoiceVoided', data: { invoiceId: invoice.id, clientId, currency, net, tax, total, reason, voidedOn: command.today } }];
    }
    case 'MarkInvoiceOverdue': {
      const invoice = existing(state, 'invoice', command.invoiceId);
      const open = invoice.status !== 'VOID' && invoice.status !== 'PAID' && balanceDue(invoice) > 0;
      if (!open || invoice.overdue || invoice.dueOn >= command.today) return [];
      const { id: invoiceId, dueOn } = invoice;
      return [{ type: 'InvoiceFellOverdue', data: { invoiceId, dueOn, overdueOn: command.today, amountDue: balanceDue(invoice) } }];
    }
    default:
      return assertNever(command);
  }
};

/** Status after money came in (or was credited): a zero balance is settled. */
const settledStatus = (invoice: ExistingInvoice): InvoiceStatus =>
  balanceDue(invoice) === 0 ? 'PAID' : invoice.paid > 0 ? 'PARTIALLY_PAID' : invoice.sent ? 'SENT' : 'ISSUED';

export const evolve = (state: Invoice, event: InvoiceEvent): Invoice => {
  if (event.type === 'InvoiceIssued') {
    const { invoiceId, ...issued } = event.data;
    return {
      status: 'ISSUED',
      id: invoiceId,
      ...issued,
      paid: 0,
      credited: 0,
      creditedNet: 0,
      creditedTax: 0,
      sent: false,
      overdue: false,
      payments: 0,
      creditNotes: 0,
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'InvoiceSent':
      return { ...state, sent: true, status: state.status === 'ISSUED' ? 'SENT' : state.status };
    case 'PaymentRecorded': {
      const next = { ...state, paid: state.paid + event.data.amount, payments: state.payments + 1 };
      return { ...next, status: settledStatus(next) };
    }
    case 'CreditNoteIssued': {
      const { amount, net, tax } = event.data;
      const next = {
        ...state,
        credited: state.credited + amount,
        creditedNet: state.creditedNet + net,
        creditedTax: state.creditedTax + tax,
        creditNotes: state.creditNotes + 1,
      };
      return { ...next, status: settledStatus(next) };
    }
    case 'InvoiceFullyPaid':
      return { ...state, status: 'PAID' };
    case 'InvoiceVoided':
      return { ...state, status: 'VOID' };
    case 'InvoiceFellOverdue':
      return { ...state, overdue: true };
    default:
      return assertNever(event);
  }
};

export const invoiceDecider = recordDecider<Invoice, InvoiceCommand, InvoiceEvent>({ events: invoiceEvents, decide, evolve });
