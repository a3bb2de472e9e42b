import {
  MAX_QUANTITY,
  MoneyError,
  QUANTITY_SCALE,
  TAX_RATE_SCALE,
  checkedAmount,
  formatScaled,
  lineNet,
  parseScaled,
  taxOn,
  toMinor,
} from '../../shared/domain/money';
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
    if (quantity > MAX_QUANTITY * 10n ** BigInt(QUANTITY_SCALE))
      throw new MoneyError(`${field}.quantity`, `"${input.quantity}" is more than ${MAX_QUANTITY} units`);
    const unitPrice = toMinor(input.unitPrice, currency, `${field}.unitPrice`);
    const taxRate = parseTaxRate(input.taxRate, `${field}.taxRate`);
    const net = checkedAmount(lineNet(quantity, unitPrice), currency, field, 'quantity x unitPrice');
    return {
      productId: input.productId ?? null,
      description,
      quantity: normalised(quantity, QUANTITY_SCALE),
      unitPrice,
      taxRate: normalised(taxRate, TAX_RATE_SCALE),
      net,
      tax: checkedAmount(taxOn(net, taxRate), currency, field, 'the tax'),
    };
  });
  // Summed in BigInt: 500 lines near the largest amount would pass Number.MAX_SAFE_INTEGER.
  const net = lines.reduce((sum, line) => sum + BigInt(line.net), 0n);
  const tax = lines.reduce((sum, line) => sum + BigInt(line.tax), 0n);
  return {
    lines,
    net: checkedAmount(net, currency, 'lines', 'the net total'),
    tax: checkedAmount(tax, currency, 'lines', 'the tax total'),
    total: checkedAmount(net + tax, currency, 'lines', 'the total'),
  };
};
