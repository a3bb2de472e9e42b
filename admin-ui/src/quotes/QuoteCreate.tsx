import { Box, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  ArrayInput,
  AutocompleteInput,
  Create,
  DateInput,
  maxLength,
  minLength,
  ReferenceInput,
  regex,
  required,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  useGetIdentity,
  useNotify,
  useRedirect,
  useSourceContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import type { Identity } from '../authProvider';
import type { Product, Quote } from '../dataProvider';
import { format, lineAmounts } from '../decimal';
import { Money } from '../MoneyField';

const DECIMAL = /^\d+(\.\d+)?$/;
const decimal = regex(DECIMAL, 'annals.validation.decimal');

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Picking a product fills the line's description, price and tax rate, which stay editable. */
const ProductPicker = () => {
  const source = useSourceContext();
  const { setValue } = useFormContext();
  const fill = (_: unknown, product: RaRecord | '' | undefined) => {
    if (!product) return;
    const { name, unitPrice, taxRate } = product as Product;
    const options = { shouldDirty: true, shouldValidate: true };
    setValue(source.getSource('description'), name, options);
    setValue(source.getSource('unitPrice'), unitPrice, options);
    setValue(source.getSource('taxRate'), taxRate, options);
  };
  return (
    <ReferenceInput source="productId" reference="products" filter={{ active: true }} sort={{ field: 'sku', order: 'ASC' }}>
      <AutocompleteInput label="resources.quotes.fields.product" helperText="resources.quotes.helper.product" onChange={fill} sx={{ width: 260 }} />
    </ReferenceInput>
  );
};

/** The line's net and tax as the server will compute them. */
const LinePreview = () => {
  const source = useSourceContext();
  const [quantity, unitPrice, taxRate] = useWatch({
    name: [source.getSource('quantity'), source.getSource('unitPrice'), source.getSource('taxRate')],
  });
  const { identity } = useGetIdentity();
  const amounts = lineAmounts(quantity, unitPrice, taxRate);
  if (!amounts) return <Box sx={{ width: 140 }} />;
  const currency = (identity as Identity | undefined)?.currency ?? '';
  return (
    <Stack sx={{ width: 140, alignItems: 'flex-end', pt: 1 }} data-testid="line-preview">
      <Money amount={format(amounts.net)} currency={currency} strong />
      <Typography variant="caption" color="text.secondary">
        + <Money amount={format(amounts.tax)} currency={currency} />
      </Typography>
    </Stack>
  );
};

const QuoteTotals = () => {
  const lines = (useWatch({ name: 'lines' }) ?? []) as Record<string, unknown>[];
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const currency = (identity as Identity | undefined)?.currency ?? '';
  const all = lines.map((line) => lineAmounts(line?.quantity, line?.unitPrice, line?.taxRate));
  if (!all.length || all.some((amounts) => amounts === null)) return null;
  const net = all.reduce((sum, amounts) => sum + amounts!.net, 0n);
  const tax = all.reduce((sum, amounts) => sum + amounts!.tax, 0n);
  return (
    <Stack direction="row" spacing={3} sx={{ alignSelf: 'flex-end', alignItems: 'baseline' }} data-testid="quote-form-totals">
      <Typography variant="body2">
        {translate('annals.lines.net_total')} <Money amount={format(net)} currency={currency} />
      </Typography>
      <Typography variant="body2">
        {translate('annals.lines.tax_total')} <Money amount={format(tax)} currency={currency} />
      </Typography>
      <Typography variant="body1" sx={{ fontWeight: 700 }}>
        {translate('annals.lines.total_total')} <Money amount={format(net + tax)} currency={currency} strong />
      </Typography>
    </Stack>
  );
};

/** The quote's lines (each a product or free text) and the totals they make; used to draft and to revise. */
export const QuoteLinesInput = () => (
  <>
    <ArrayInput source="lines" label="resources.quotes.fields.lines" validate={minLength(1, 'resources.quotes.validation.lines')}>
      <SimpleFormIterator inline disableReordering>
        <ProductPicker />
        <TextInput source="description" label="annals.lines.description" validate={[required(), maxLength(500)]} sx={{ width: 260 }} />
        <TextInput source="quantity" label="annals.lines.quantity" validate={[required(), decimal]} sx={{ width: 100 }} inputMode="decimal" />
        <TextInput source="unitPrice" label="annals.lines.unit_price" validate={[required(), decimal]} sx={{ width: 130 }} inputMode="decimal" />
        <TextInput source="taxRate" label="annals.lines.tax_rate" validate={[required(), decimal]} sx={{ width: 100 }} inputMode="decimal" />
        <LinePreview />
      </SimpleFormIterator>
    </ArrayInput>
    <QuoteTotals />
  </>
);

export const QuoteCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  // Computed once: new default values on a later render would reset what the user typed.
  const [defaultValues] = useState(() => ({ validUntil: inDays(30), lines: [{ quantity: '1' }] }));
  return (
    <Create
      title="resources.quotes.create_title"
      mutationOptions={{
        onSuccess: (quote: Quote) => {
          notify('resources.quotes.notifications.drafted', { type: 'success' });
          redirect('show', 'quotes', quote.id);
        },
      }}
    >
      <SimpleForm defaultValues={defaultValues}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%', maxWidth: 720 }}>
          <ReferenceInput source="clientId" reference="clients" sort={{ field: 'name', order: 'ASC' }}>
            <AutocompleteInput label="resources.quotes.fields.clientId" validate={required()} sx={{ minWidth: 320 }} />
          </ReferenceInput>
          <DateInput source="validUntil" helperText="resources.quotes.helper.validUntil" />
        </Stack>
        <QuoteLinesInput />
      </SimpleForm>
    </Create>
  );
};
