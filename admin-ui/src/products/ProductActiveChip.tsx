import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Product } from '../dataProvider';

export const ProductActiveChip = (_: { source?: string; label?: string }) => {
  const product = useRecordContext<Product>();
  const translate = useTranslate();
  if (!product) return null;
  return (
    <Chip
      data-testid="product-active"
      size="small"
      color={product.active ? 'success' : 'default'}
      variant={product.active ? 'filled' : 'outlined'}
      label={translate(product.active ? 'resources.products.active' : 'resources.products.inactive')}
      sx={{ fontWeight: 600 }}
    />
  );
};
