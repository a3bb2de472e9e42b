/**
 * Exact decimal arithmetic for the quote form's preview, by the API's rules: line net = quantity x
 * unit price, tax per line rounded half-up to the minor unit. The saved quote shows the server's
 * own figures; this only lets staff see what they are about to send.
 */
const DECIMAL = /^\d+(\.\d+)?$/;

type Scaled = { units: bigint; scale: number };

const parse = (value: string): Scaled | null => {
  const text = value.trim();
  if (!DECIMAL.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return { units: BigInt(whole + fraction), scale: fraction.length };
};

/** value / 10^drop, rounded half-up (values are never negative here). */
const roundDown = (units: bigint, drop: number) => {
  if (drop <= 0) return units * 10n ** BigInt(-drop);
  const divisor = 10n ** BigInt(drop);
  return (units + divisor / 2n) / divisor;
};

export const format = (minor: bigint, digits = 2) => {
  const text = minor.toString().padStart(digits + 1, '0');
  return digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
};

/** Net and tax of one line in minor units (2 digits), or null while the line is incomplete. */
export const lineAmounts = (quantity: unknown, unitPrice: unknown, taxRate: unknown, digits = 2) => {
  const q = parse(String(quantity ?? ''));
  const p = parse(String(unitPrice ?? ''));
  const r = parse(String(taxRate ?? ''));
  if (!q || !p || !r) return null;
  const exactNet = q.units * p.units; // scale q.scale + p.scale
  const net = roundDown(exactNet, q.scale + p.scale - digits);
  // tax = net x rate / 100: net at `digits`, rate at r.scale, /100 adds two more.
  const tax = roundDown(net * r.units, r.scale + 2);
  return { net, tax };
};

export const isDecimal = (value: unknown) => DECIMAL.test(String(value ?? '').trim());

/** An amount in minor units (2 digits), or null when it is not one. */
export const toMinor = (value: unknown, digits = 2): bigint | null => {
  const scaled = parse(String(value ?? ''));
  if (!scaled || scaled.scale > digits) return null;
  return scaled.units * 10n ** BigInt(digits - scaled.scale);
};
