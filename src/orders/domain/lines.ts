import { MoneyError, QUANTITY_SCALE, TAX_RATE_SCALE, formatScaled, lineNet, parseScaled, taxOn, toMinor } from '../../shared/domain/money';
import { OrderLine } from './order.events';
import { OrdersError, OrdersErrorCode } from './orders.error';

/** A quote line as a person types it: amounts and rates are decimal strings. */
export interface LineInput {
  productId?: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
}

export interface Totals {
  net: number;
  tax: number;
  total: number;
}

/** "2.500" -> "2.5", "20.00" -> "20": the stored form of a scaled decimal. */
const normalised = (scaled: bigint, scale: number): string => {
  const text = formatScaled(scaled, scale);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
};

export const parseTaxRate = (taxRate: string, field = 'taxRate'): bigint => {
  const scaled = parseScaled(taxRate, TAX_RATE_SCALE, field);
  if (scaled > 100n * 10n ** BigInt(TAX_RATE_SCALE)) throw new MoneyError(field, `"${taxRate}" is more than 100 percent`);
  return scaled;
};

export const normaliseTaxRate = (taxRate: string, field = 'taxRate'): string => normalised(parseTaxRate(taxRate, field), TAX_RATE_SCALE);

/** Prices each line (net = quantity x unit price; tax per line, half-up) and sums the totals. */
export const priceLines = (inputs: LineInput[], currency: string): { lines: OrderLine[] } & Totals => {
  if (inputs.length === 0) throw new OrdersError(OrdersErrorCode.QuoteNeedsLines, 'A quote needs at least one line');
  const lines = inputs.map((input, index): OrderLine => {
    const field = `lines[${index}]`;
    const description = input.description.trim();
    if (!description) throw new OrdersError(OrdersErrorCode.DescriptionRequired, `${field}: describe what the line sells`);
    const quantity = parseScaled(input.quantity, QUANTITY_SCALE, `${field}.quantity`);
    if (quantity <= 0n) throw new OrdersError(OrdersErrorCode.QuantityNotPositive, `${field}.quantity: must be more than zero`);
    const unitPrice = toMinor(input.unitPrice, currency, `${field}.unitPrice`);
    const taxRate = parseTaxRate(input.taxRate, `${field}.taxRate`);
    const net = lineNet(quantity, unitPrice);
    return {
      productId: input.productId ?? null,
      description,
      quantity: normalised(quantity, QUANTITY_SCALE),
      unitPrice,
      taxRate: normalised(taxRate, TAX_RATE_SCALE),
      net,
      tax: taxOn(net, taxRate),
    };
  });
  const net = lines.reduce((sum, line) => sum + line.net, 0);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0);
  return { lines, net, tax, total: net + tax };
};
