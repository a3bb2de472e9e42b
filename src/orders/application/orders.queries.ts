import { Injectable } from '@nestjs/common';
import { FilterQuery, QueryOrder } from '@mikro-orm/postgresql';
import { OrderView } from '../../../projections/orders/order.entity';
import { ProductView } from '../../../projections/orders/product.entity';
import { QuoteView } from '../../../projections/orders/quote.entity';
import { clientIdsMatching, clientNames } from '../../crm/public/client-directory';
import { BadInputError } from '../../shared/domain/domain-error';
import { formatMinor } from '../../shared/domain/money';
import { ListArgs, SortOrder } from '../../shared/graphql/list.types';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import { Order, OrderFilter, OrderStatus, Product, ProductFilter, Quote, QuoteFilter, QuoteLine, QuoteStatus } from '../api/orders.types';
import { OrderLine } from '../domain/order.events';

const PRODUCT_SORT = ['sku', 'name', 'unitPrice', 'active', 'createdAt', 'updatedAt'] as const;
const QUOTE_SORT = ['status', 'validUntil', 'total', 'createdAt', 'updatedAt'] as const;
const ORDER_SORT = ['status', 'placedOn', 'total', 'createdAt', 'updatedAt'] as const;

const orderBy = (args: ListArgs, allowed: readonly string[]) => {
  const field = args.sortField ?? 'createdAt';
  if (!allowed.includes(field)) throw new BadInputError({ sortField: [`cannot sort by "${field}"; sort by one of: ${allowed.join(', ')}`] });
  const order = args.sortOrder === SortOrder.ASC ? QueryOrder.ASC : QueryOrder.DESC;
  return { [field]: order, id: order };
};

const likeTerm = (q: string | undefined): string | null => {
  const term = q?.trim();
  return term ? `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
};

const page = (args: ListArgs) => ({ limit: args.perPage, offset: (args.page - 1) * args.perPage });

export const toProduct = (row: ProductView): Product => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  unitPrice: formatMinor(BigInt(row.unitPrice), row.currency),
  taxRate: row.taxRate,
  currency: row.currency,
  active: row.active,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toLine = (line: OrderLine, currency: string): QuoteLine => ({
  productId: line.productId,
  description: line.description,
  quantity: line.quantity,
  unitPrice: formatMinor(line.unitPrice, currency),
  taxRate: line.taxRate,
  net: formatMinor(line.net, currency),
  tax: formatMinor(line.tax, currency),
});

const money = (row: { net: string; tax: string; total: string; currency: string }) => ({
  net: formatMinor(BigInt(row.net), row.currency),
  tax: formatMinor(BigInt(row.tax), row.currency),
  total: formatMinor(BigInt(row.total), row.currency),
});

const toQuote = (row: QuoteView, clientNames: Map<string, string>): Quote => ({
  id: row.id,
  clientId: row.clientId,
  clientName: clientNames.get(row.clientId) ?? null,
  status: row.status as QuoteStatus,
  currency: row.currency,
  validUntil: row.validUntil,
  revision: row.quoteRevision,
  lines: row.lines.map((line) => toLine(line, row.currency)),
  ...money(row),
  sentOn: row.sentOn,
  acceptedOn: row.acceptedOn,
  rejectionReason: row.rejectionReason,
  orderId: row.orderId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toOrder = (row: OrderView, clientNames: Map<string, string>): Order => ({
  id: row.id,
  quoteId: row.quoteId,
  clientId: row.clientId,
  clientName: clientNames.get(row.clientId) ?? null,
  status: row.status as OrderStatus,
  currency: row.currency,
  lines: row.lines.map((line) => toLine(line, row.currency)),
  ...money(row),
  placedOn: row.placedOn,
  paymentReference: row.paymentReference,
  paymentFailureReason: row.paymentFailureReason,
  carrier: row.carrier,
  trackingNumber: row.trackingNumber,
  shippedOn: row.shippedOn,
  deliveredOn: row.deliveredOn,
  cancelReason: row.cancelReason,
  invoiceId: row.invoiceId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** Reads of the catalogue, quotes and orders read models, always within the caller's tenant. */
@Injectable()
export class OrdersQueries {
  constructor(private readonly reader: TenantReader) {}

  product(tenantId: string, id: string): Promise<Product | null> {
    return this.reader.byId(tenantId, ProductView, id).then((row) => (row ? toProduct(row) : null));
  }

  products(tenantId: string, filter: ProductFilter = {}, args: ListArgs) {
    return this.reader.read(tenantId, async (em) => {
      const like = likeTerm(filter.q);
      const where: FilterQuery<ProductView> = {
        tenantId,
        ...(filter.active === undefined || filter.active === null ? {} : { active: filter.active }),
        ...(like ? { $or: [{ sku: { $ilike: like } }, { name: { $ilike: like } }] } : {}),
      };
      const [rows, total] = await em.findAndCount(ProductView, where, { orderBy: orderBy(args, PRODUCT_SORT), ...page(args) });
      return { items: rows.map(toProduct), total };
    });
  }

  quote(tenantId: string, id: string): Promise<Quote | null> {
    return this.reader.read(tenantId, async (em) => {
      const row = await this.reader.findById(em, QuoteView, tenantId, id);
      return row ? toQuote(row, await clientNames(em, tenantId, [row.clientId])) : null;
    });
  }

  quotes(tenantId: string, filter: QuoteFilter = {}, args: ListArgs) {
    return this.reader.read(tenantId, async (em) => {
      const like = likeTerm(filter.q);
      let search: FilterQuery<QuoteView> = {};
      if (like) {
        const clients = await clientIdsMatching(em, tenantId, like);
        search = { $or: [{ search: { $ilike: like } }, { clientId: { $in: clients } }] };
      }
      const where: FilterQuery<QuoteView> = {
        tenantId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.clientId ? { clientId: filter.clientId } : {}),
        ...search,
      };
      const [rows, total] = await em.findAndCount(QuoteView, where, { orderBy: orderBy(args, QUOTE_SORT), ...page(args) });
      const names = await clientNames(
        em,
        tenantId,
        rows.map((row) => row.clientId),
      );
      return { items: rows.map((row) => toQuote(row, names)), total };
    });
  }

  order(tenantId: string, id: string): Promise<Order | null> {
    return this.reader.read(tenantId, async (em) => {
      const row = await this.reader.findById(em, OrderView, tenantId, id);
      return row ? toOrder(row, await clientNames(em, tenantId, [row.clientId])) : null;
    });
  }

  orders(tenantId: string, filter: OrderFilter = {}, args: ListArgs) {
    return this.reader.read(tenantId, async (em) => {
      const where: FilterQuery<OrderView> = {
        tenantId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.clientId ? { clientId: filter.clientId } : {}),
      };
      const [rows, total] = await em.findAndCount(OrderView, where, { orderBy: orderBy(args, ORDER_SORT), ...page(args) });
      const names = await clientNames(
        em,
        tenantId,
        rows.map((row) => row.clientId),
      );
      return { items: rows.map((row) => toOrder(row, names)), total };
    });
  }
}
