/** Small helpers the rules write their sentences with: amounts, dates, days, record links. */

/** A string field of an event's data, or '' (a rule's sentence must never say "undefined"). */
export const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

const fractionDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/**
 * "1,919.99 USD": an amount of an event (integer minor units, or an already decimal string such
 * as "1919.99") in its currency, grouped for reading. Empty when the event carries no amount.
 */
export const money = (amount: unknown, currency: unknown): string => {
  const code = text(currency).toUpperCase();
  const digits = fractionDigits(code || 'USD');
  let value: number;
  if (typeof amount === 'number' && Number.isSafeInteger(amount)) value = amount / 10 ** digits;
  else if (typeof amount === 'string' && /^-?\d+(\.\d+)?$/.test(amount)) value = Number(amount);
  else return '';
  const formatted = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return code ? `${formatted} ${code}` : formatted;
};

/** The calendar date ('YYYY-MM-DD') and hour (0-23) of an instant in an IANA time zone. */
export const localTime = (at: Date, timeZone: string): { date: string; hour: number } => {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(
      at,
    );
  } catch {
    return localTime(at, 'UTC');
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) % 24 };
};

/** Whole days from one business date to another ('2026-12-01' to '2026-12-04' is 3). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** "3 days", "1 day". */
export const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

/** The admin UI's page of a record (react-admin hash routes). */
export const recordLink = (resource: string, id: string): string => `/admin/#/${resource}/${encodeURIComponent(id)}/show`;

/** "for Analytical Engines" when the name is known, else nothing. */
export const forName = (name: string | undefined): string => (name ? ` for ${name}` : '');

export const clip = (value: string, max: number): string => (value.length <= max ? value : `${value.slice(0, max - 1)}…`);

/** The calendar day before a 'YYYY-MM-DD' date. */
export const previousDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
