import { Tooltip, Typography } from '@mui/material';
import { useFieldValue, useLocaleState, useTranslate, type FieldProps } from 'react-admin';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago" for the last week, a plain date before that. */
export const humanDate = (value: string | Date, locale: string, now = Date.now()) => {
  const date = new Date(value);
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second');
  if (Math.abs(seconds) < 7 * 24 * 3600) {
    const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? ['minute', 60];
    return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(seconds / size), unit);
  }
  return date.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
};

export const fullDate = (value: string | Date, locale: string) => new Date(value).toLocaleString(locale, { dateStyle: 'full', timeStyle: 'medium' });

/** A date as people say it, with the exact moment on hover. */
export const HumanDateField = (props: FieldProps) => {
  const value = useFieldValue(props) as string | null | undefined;
  const [locale] = useLocaleState();
  if (!value || Number.isNaN(new Date(value).getTime())) return null;
  return (
    <Tooltip title={fullDate(value, locale)}>
      <Typography component="time" variant="body2" dateTime={value}>
        {humanDate(value, locale)}
      </Typography>
    </Tooltip>
  );
};

/** A business day ("2026-03-31") as the language writes it ("Mar 31, 2026", "31 mars 2026"); the day itself, whatever the time zone. */
export const formatDay = (day: string, locale: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(day)
    ? new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
    : day;

export const DayField = ({ emptyText, ...props }: FieldProps & { emptyText?: string }) => {
  const value = useFieldValue(props) as string | null | undefined;
  const [locale] = useLocaleState();
  const translate = useTranslate();
  if (!value) return emptyText ? <Typography variant="body2">{translate(emptyText, { _: emptyText })}</Typography> : null;
  return (
    <Typography component="span" variant="body2" title={value}>
      {formatDay(value, locale)}
    </Typography>
  );
};
DayField.displayName = 'DayField';
