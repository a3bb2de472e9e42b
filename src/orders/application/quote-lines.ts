import { clientStanding, clientStreamName } from '../../crm/public/client-standing';
import { CommandEnv } from '../../shared/command/command-spec';
import { BadInputError } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import { formatMinor } from '../../shared/domain/money';
import { LineInput } from '../domain/lines';
import { OrdersError, OrdersErrorCode } from '../domain/orders.error';
import { productDecider } from '../domain/product';
import { productStream } from '../domain/product.events';

/** A quote line as typed (QuoteLineInput in the API). */
export interface QuoteLineRequest {
  productId?: string | null;
  description?: string;
  quantity: string;
  unitPrice?: string;
  taxRate?: string;
}

/**
 * Quote lines as typed, completed from the catalogue: a line naming a product takes the
 * product's name, price and tax rate for whatever it leaves out. A product must be of the
 * tenant and still active.
 */
export const resolveLines = async (env: CommandEnv, lines: QuoteLineRequest[]): Promise<LineInput[]> => {
  const missing: Record<string, string[]> = {};
  const resolved: LineInput[] = [];
  for (const [index, line] of lines.entries()) {
    const field = `lines[${index}]`;
    let { description, unitPrice, taxRate } = line;
    if (line.productId) {
      const { state } = await env.runner.stateInTenant(productDecider, productStream(line.productId), env.tenantId);
      if (state.status === 'NONE') {
        missing[`${field}.productId`] = [`no product with id ${line.productId}; pick one from the catalogue or leave productId out for a free-text line`];
        continue;
      }
      if (state.status === 'INACTIVE')
        throw new OrdersError(OrdersErrorCode.ProductInactive, `${field}: product ${state.sku} is deactivated and can no longer be quoted`);
      description = description?.trim() ? description : state.name;
      unitPrice = unitPrice ?? formatMinor(state.unitPrice, state.currency);
      taxRate = taxRate ?? state.taxRate;
    }
    if (!description?.trim()) missing[`${field}.description`] = ['describe what the line sells (or give a productId)'];
    if (unitPrice === undefined || unitPrice === null) missing[`${field}.unitPrice`] = ['give the unit price, such as "125.50" (or a productId)'];
    if (taxRate === undefined || taxRate === null) missing[`${field}.taxRate`] = ['give the tax rate, such as "20" (or a productId)'];
    resolved.push({
      productId: line.productId ?? null,
      description: description ?? '',
      quantity: line.quantity,
      unitPrice: unitPrice ?? '',
      taxRate: taxRate ?? '',
    });
  }
  if (Object.keys(missing).length > 0) throw new BadInputError(missing);
  return resolved;
};

/** A quote's client must be of the tenant and not archived. */
export const checkQuotableClient = async (env: CommandEnv, clientId: string): Promise<void> => {
  const standing = isUuid(clientId) ? clientStanding(await env.runner.readStream(clientStreamName(clientId)), env.tenantId) : 'NONE';
  if (standing === 'NONE')
    throw new OrdersError(OrdersErrorCode.ClientNotFound, `No client with id ${clientId} in your tenant; register the client (or convert the lead) first`);
  if (standing === 'ARCHIVED') throw new OrdersError(OrdersErrorCode.ClientArchived, `Client ${clientId} is archived; restore the client before quoting`);
};
