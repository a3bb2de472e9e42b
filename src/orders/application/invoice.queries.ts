import { Inject, Injectable } from '@nestjs/common';
import { FilterQuery } from '@mikro-orm/postgresql';
import { InvoiceView } from '../../../projections/orders/invoice.entity';
import { CLOCK, Clock } from '../../shared/clock';
import { formatMinor } from '../../shared/domain/money';
import { ListArgs, Page } from '../../shared/graphql/list.types';
import { equalTo, mapPage, ReadModelList } from '../../shared/read-model/list-query';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import { knownAtScope, momentTime } from '../../shared/history/known-at';
import { Invoice, InvoiceFilter, InvoiceStatus, PaymentMethod } from '../api/invoice.types';
import { today as businessDate } from './orders.commands';

const INVOICES: ReadModelList<InvoiceView> = {
  entity: InvoiceView,
  sortable: ['number', 'status', 'issuedOn', 'dueOn', 'total', 'balanceDue', 'createdAt', 'updatedAt'],
};
const OPEN: InvoiceStatus[] = [InvoiceStatus.ISSUED, InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID];

export const isOverdue = (row: Pick<InvoiceView, 'status' | 'dueOn'>, today: string) => OPEN.includes(row.status as InvoiceStatus) && row.dueOn < today;

export const toInvoice = (row: InvoiceView, today: string): Invoice => {
  const money = (minor: string | number) => formatMinor(BigInt(minor), row.currency);
  return {
    id: row.id,
    number: row.number,
    orderId: row.orderId,
    clientId: row.clientId,
    currency: row.currency,
    status: row.status as InvoiceStatus,
    net: money(row.net),
    tax: money(row.tax),
    total: money(row.total),
    amountPaid: money(row.amountPaid),
    credited: money(row.credited),
    balanceDue: money(row.balanceDue),
    issuedOn: row.issuedOn,
    dueOn: row.dueOn,
    overdue: isOverdue(row, today),
    sentOn: row.sentOn,
    paidOn: row.paidOn,
    voidedOn: row.voidedOn,
    voidReason: row.voidReason,
    payments: row.payments.map((p) => ({
      id: p.paymentId,
      amount: money(p.amount),
      method: p.method as PaymentMethod,
      reference: p.reference,
      receivedOn: p.receivedOn,
    })),
    creditNotes: row.creditNotes.map((c) => ({
      id: c.creditNoteId,
      amount: money(c.amount),
      net: money(c.net),
      tax: money(c.tax),
      reason: c.reason,
      issuedOn: c.issuedOn,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
};

const overdueFilter = (overdue: boolean | undefined, today: string): FilterQuery<InvoiceView> => {
  if (overdue === undefined || overdue === null) return {};
  return overdue ? { status: { $in: OPEN }, dueOn: { $lt: today } } : { $or: [{ status: { $nin: OPEN } }, { dueOn: { $gte: today } }] };
};

/**
 * Reads of the invoices read model, always within the caller's tenant. "Overdue" is judged against
 * a business date: the command's own when it answers, else `today()`.
 */
@Injectable()
export class InvoiceQueries {
  constructor(
    private readonly reader: TenantReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The business date "overdue" is judged on: as known at a moment, that moment's date (as it was shown then); else the clock's today. */
  private today(): string {
    return businessDate(momentTime(knownAtScope.getStore()) ?? this.clock.now());
  }

  invoice(tenantId: string, id: string, today = this.today()): Promise<Invoice | null> {
    return this.reader.read(tenantId, async (em) => {
      const row = await this.reader.findById(em, InvoiceView, tenantId, id);
      return row ? toInvoice(row, today) : null;
    });
  }

  async invoices(tenantId: string, filter: InvoiceFilter = {}, args: ListArgs, today = this.today()): Promise<Page<Invoice>> {
    const where: FilterQuery<InvoiceView> = {
      tenantId,
      ...equalTo(filter, 'clientId', 'orderId'),
      // status and overdue may both constrain status: combined, not one overwriting the other
      $and: [equalTo(filter, 'status'), overdueFilter(filter.overdue, today)],
    };
    return mapPage(await this.reader.page(tenantId, INVOICES, where, args), (row) => toInvoice(row, today));
  }
}
