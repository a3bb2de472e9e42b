import { BadInputError } from './domain-error';

/**
 * Money is an integer count of minor units with an ISO 4217 currency; never a float. The API
 * speaks decimal strings ("125.50"); these helpers convert exactly, with no binary floating point.
 * Quantities and tax rates are decimal strings too, held as scaled integers.
 */
export class MoneyError extends BadInputError {
  constructor(field: string, message: string) {
    super({ [field]: [message] });
  }
}

const MINOR_DIGITS: Record<string, number> = { USD: 2, EUR: 2, GBP: 2, CHF: 2, CAD: 2, AUD: 2, JPY: 0, SEK: 2, NOK: 2, DKK: 2, PLN: 2 };
export const minorDigits = (currency: string): number => MINOR_DIGITS[currency] ?? 2;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "125.5" with scale 2 -> 12550n. Refuses more decimals than the scale allows. */
export const parseScaled = (value: string, scale: number, field: string, options: { allowNegative?: boolean } = {}): bigint => {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new MoneyError(field, `"${value}" is not a decimal number such as "125.50"`);
  const [, minus, whole, fraction = ''] = match;
  if (fraction.length > scale) throw new MoneyError(field, `"${value}" has more than ${scale} decimal places`);
  if (minus && !options.allowNegative) throw new MoneyError(field, `"${value}" must not be negative`);
  const scaled = BigInt(whole + fraction.padEnd(scale, '0'));
  return minus ? -scaled : scaled;
};

/** 12550n with scale 2 -> "125.50". */
export const formatScaled = (value: bigint | number, scale: number): string => {
  const v = BigInt(value);
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
};

/**
 * The largest amount annals stores, in minor units (999,999,999,999.99 in a two-digit currency): any
 * amount, line, tax, total or entry sum is at most this. Sums of a few such amounts stay far below
 * Number.MAX_SAFE_INTEGER; longer sums are computed in BigInt and checked against it (`checkedAmount`).
 */
export const MAX_AMOUNT_MINOR = 99_999_999_999_999n;

/** A computed amount (BigInt) as the safe integer events store, or BAD_USER_INPUT naming `field` when it passes MAX_AMOUNT_MINOR. */
export const checkedAmount = (minor: bigint, currency: string, field: string, what = 'the amount'): number => {
  if (minor > MAX_AMOUNT_MINOR || minor < -MAX_AMOUNT_MINOR)
    throw new MoneyError(
      field,
      `${what} comes to ${formatMinor(minor, currency)}, more than the largest amount annals keeps (${formatMinor(MAX_AMOUNT_MINOR, currency)})`,
    );
  return Number(minor);
};

/** A decimal amount in a currency -> integer minor units (a safe JS integer, as events store it), at most MAX_AMOUNT_MINOR. */
export const toMinor = (amount: string, currency: string, field = 'amount', options: { allowNegative?: boolean } = {}): number => {
  const minor = parseScaled(amount, minorDigits(currency), field, options);
  if (minor > MAX_AMOUNT_MINOR || minor < -MAX_AMOUNT_MINOR)
    throw new MoneyError(field, `"${amount}" is too large: at most ${formatMinor(MAX_AMOUNT_MINOR, currency)}`);
  return Number(minor);
};

export const formatMinor = (minor: number | bigint, currency: string): string => formatScaled(minor, minorDigits(currency));

/** numerator / denominator rounded half away from zero (half-up for positive amounts). */
export const divideHalfUp = (numerator: bigint, denominator: bigint): bigint => {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
};

export const QUANTITY_SCALE = 3; // "2.5" units -> 2500
/** The largest quantity of a line: a million units. */
export const MAX_QUANTITY = 1_000_000n;
export const TAX_RATE_SCALE = 2; // "20" percent -> 2000 hundredths of a percent

/** Line net in minor units: quantity x unit price, rounded half-up to the minor unit (BigInt: check it before storing). */
export const lineNet = (quantityScaled: bigint, unitPriceMinor: number): bigint =>
  divideHalfUp(quantityScaled * BigInt(unitPriceMinor), 10n ** BigInt(QUANTITY_SCALE));

/** Tax on a net amount, rounded half-up to the minor unit. */
export const taxOn = (netMinor: bigint | number, taxRateScaled: bigint): bigint =>
  divideHalfUp(BigInt(netMinor) * taxRateScaled, 100n * 10n ** BigInt(TAX_RATE_SCALE));
