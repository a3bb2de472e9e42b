import { Injectable } from '@nestjs/common';
import { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { OrderView } from '../../../projections/orders/order.entity';
import { ProductView } from '../../../projections/orders/product.entity';
import { QuoteView } from '../../../projections/orders/quote.entity';
import { clientIdsMatching, clientNames } from '../../crm/public/client-directory';
import { formatMinor } from '../../shared/domain/money';
import { ListArgs, Page } from '../../shared/graphql/list.types';
import { containingAny, equalTo, likePattern, mapPage, ReadModelList } from '../../shared/read-model/list-query';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import { Order, OrderFilter, OrderStatus, Product, ProductFilter, Quote, QuoteFilter, QuoteLine, QuoteStatus } from '../api/orders.types';
import { OrderLine } from '../domain/order.events';

const PRODUCTS: ReadModelList<ProductView> = { entity: ProductView, sortable: ['sku', 'name', 'unitPrice', 'active', 'createdAt', 'updatedAt'] };
const QUOTES: ReadModelList<QuoteView> = { entity: QuoteView, sortable: ['status', 'validUntil', 'total', 'createdAt', 'updatedAt'] };
const ORDERS: ReadModelList<OrderView> = { entity: OrderView, sortable: ['status', 'placedOn', 'total', 'createdAt', 'updatedAt'] };

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

/** What a quote and an order show alike: the client, the lines and the amounts. */
const pricedForClient = (row: QuoteView | OrderView, clientNames: Map<string, string>) => ({
  id: row.id,
  clientId: row.clientId,
  clientName: clientNames.get(row.clientId) ?? null,
  currency: row.currency,
  lines: row.lines.map((line) => toLine(line, row.currency)),
  ...money(row),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toQuote = (row: QuoteView, clientNames: Map<string, string>): Quote => ({
  ...pricedForClient(row, clientNames),
  status: row.status as QuoteStatus,
  validUntil: row.validUntil,
  revision: row.quoteRevision,
  sentOn: row.sentOn,
  acceptedOn: row.acceptedOn,
  rejectionReason: row.rejectionReason,
  orderId: row.orderId,
});

const toOrder = (row: OrderView, clientNames: Map<string, string>): Order => ({
  ...pricedForClient(row, clientNames),
  quoteId: row.quoteId,
  status: row.status as OrderStatus,
  placedOn: row.placedOn,
  paymentReference: row.paymentReference,
  paymentFailureReason: row.paymentFailureReason,
  carrier: row.carrier,
  trackingNumber: row.trackingNumber,
  shippedOn: row.shippedOn,
  deliveredOn: row.deliveredOn,
  cancelReason: row.cancelReason,
  invoiceId: row.invoiceId,
});

type ClientRecordRow = { id: string; tenantId: string; clientId: string };
type Named<Row, Item> = (row: Row, clientNames: Map<string, string>) => Item;

/** Rows shown with the names of their clients, read in one query for them all (as known at the moment, inside knownAtScope). */
const withClientNames = async <Row extends ClientRecordRow, Item>(
  reader: TenantReader,
  em: EntityManager,
  tenantId: string,
  rows: Row[],
  toItem: Named<Row, Item>,
): Promise<Item[]> => {
  const names = await clientNames(
    em,
    tenantId,
    rows.map((row) => row.clientId),
    reader,
  );
  return rows.map((row) => toItem(row, names));
};

/** Reads of the catalogue, quotes and orders read models, always within the caller's tenant. */
@Injectable()
export class OrdersQueries {
  constructor(private readonly reader: TenantReader) {}

  product(tenantId: string, id: string): Promise<Product | null> {
    return this.reader.byId(tenantId, ProductView, id).then((row) => (row ? toProduct(row) : null));
  }

  async products(tenantId: string, filter: ProductFilter = {}, args: ListArgs): Promise<Page<Product>> {
    const where: FilterQuery<ProductView> = { tenantId, ...equalTo(filter, 'active'), ...containingAny(filter.q, ['sku', 'name']) };
    return mapPage(await this.reader.page(tenantId, PRODUCTS, where, args), toProduct);
  }

  quote(tenantId: string, id: string): Promise<Quote | null> {
    return this.namedById(tenantId, QuoteView, id, toQuote);
  }

  quotes(tenantId: string, filter: QuoteFilter = {}, args: ListArgs): Promise<Page<Quote>> {
    const where = async (em: EntityManager): Promise<FilterQuery<QuoteView>> => {
      const like = likePattern(filter.q);
      const search = like ? { $or: [{ search: { $ilike: like } }, { clientId: { $in: await clientIdsMatching(em, tenantId, like) } }] } : {};
      return { tenantId, ...equalTo(filter, 'status', 'clientId'), ...search };
    };
    return this.namedPage(tenantId, QUOTES, where, args, toQuote);
  }

  order(tenantId: string, id: string): Promise<Order | null> {
    return this.namedById(tenantId, OrderView, id, toOrder);
  }

  orders(tenantId: string, filter: OrderFilter = {}, args: ListArgs): Promise<Page<Order>> {
    const where = async (): Promise<FilterQuery<OrderView>> => ({ tenantId, ...equalTo(filter, 'status', 'clientId') });
    return this.namedPage(tenantId, ORDERS, where, args, toOrder);
  }

  /** A quote or an order, with its client's name. */
  private namedById<Row extends ClientRecordRow, Item>(tenantId: string, entity: EntityClass<Row>, id: string, toItem: Named<Row, Item>): Promise<Item | null> {
    return this.reader.read(tenantId, async (em) => {
      const row = await this.reader.findById(em, entity, tenantId, id);
      return row ? (await withClientNames(this.reader, em, tenantId, [row], toItem))[0] : null;
    });
  }

  /** A page of quotes or orders, with their clients' names. */
  private namedPage<Row extends ClientRecordRow, Item>(
    tenantId: string,
    list: ReadModelList<Row>,
    where: (em: EntityManager) => Promise<FilterQuery<NoInfer<Row>>>,
    args: ListArgs,
    toItem: Named<Row, Item>,
  ): Promise<Page<Item>> {
    return this.reader.read(tenantId, async (em) => {
      const page = await this.reader.findPage(em, list, await where(em), args);
      return { items: await withClientNames(this.reader, em, tenantId, page.items, toItem), total: page.total };
    });
  }
}
