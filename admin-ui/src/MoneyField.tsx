import { Typography } from '@mui/material';
import { useFieldValue, useGetIdentity, useLocaleState, useRecordContext, type FieldProps } from 'react-admin';
import type { Identity } from './authProvider';

/**
 * An amount exactly as the API gives it ("125.50"), with its currency: no float, no rounding.
 * The currency is the record's; records without one (ledger accounts) are in the tenant's.
 */
export const MoneyField = ({ currency, strong, ...props }: FieldProps & { currency?: string; strong?: boolean; textAlign?: 'right' }) => {
  const value = useFieldValue(props) as string | null | undefined;
  const record = useRecordContext();
  const { identity } = useGetIdentity();
  if (value == null || value === '') return null;
  const code = currency ?? (record?.currency as string | undefined) ?? (identity as Identity | undefined)?.currency ?? '';
  return <Money amount={value} currency={code} strong={strong} />;
};

MoneyField.displayName = 'MoneyField';

/**
 * "1,179.64 USD" in English, "1 179,64 USD" in French: the decimal string is formatted as a string
 * (Intl.NumberFormat keeps every digit of a string), with as many decimals as the API gave.
 */
export const formatAmount = (amount: string, currency: string, locale: string) => {
  const decimals = amount.includes('.') ? amount.split('.')[1].length : 0;
  const formatted = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
    amount as Intl.StringNumericLiteral,
  );
  return currency ? `${formatted} ${currency}` : formatted;
};

export const Money = ({ amount, currency, strong }: { amount: string; currency: string; strong?: boolean }) => {
  const [locale] = useLocaleState();
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', fontWeight: strong ? 600 : undefined }}>
      {formatAmount(amount, currency, locale)}
    </Typography>
  );
};
