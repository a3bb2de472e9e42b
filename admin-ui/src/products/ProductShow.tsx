import BlockIcon from '@mui/icons-material/Block';
import PriceChangeIcon from '@mui/icons-material/PriceChange';
import { Box, Stack, Typography } from '@mui/material';
import { Labeled, ListButton, Show, TabbedShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { CommandButton } from '../CommandButton';
import { CHANGE_PRODUCT_PRICE, DEACTIVATE_PRODUCT } from '../commands';
import type { Product } from '../dataProvider';
import { RecordTimelineTab } from '../audit';
import { HumanDateField } from '../HumanDateField';
import { MoneyField } from '../MoneyField';
import { ProductActiveChip } from './ProductActiveChip';

const ChangePriceButton = () => (
  <CommandButton<Product, Product>
    label="resources.products.actions.change_price"
    icon={<PriceChangeIcon />}
    title="resources.products.change_price_dialog.title"
    content="resources.products.change_price_dialog.content"
    fields={[
      {
        name: 'unitPrice',
        label: 'resources.products.fields.unitPrice',
        required: true,
        initial: (product) => product.unitPrice,
        helperText: 'resources.products.helper.unitPrice',
      },
    ]}
    command="changeProductPrice"
    document={CHANGE_PRODUCT_PRICE}
    variables={(product, { unitPrice }) => ({ id: product.id, unitPrice: unitPrice.trim() })}
    success={(product) => ['resources.products.notifications.price_changed', { price: `${product.unitPrice} ${product.currency}` }]}
    variant="contained"
  />
);

const DeactivateButton = () => (
  <CommandButton<Product, Product>
    label="resources.products.actions.deactivate"
    icon={<BlockIcon />}
    command="deactivateProduct"
    document={DEACTIVATE_PRODUCT}
    variables={(product) => ({ id: product.id })}
    success="resources.products.notifications.deactivated"
    color="error"
    variant="outlined"
  />
);

const ProductHeader = () => {
  const product = useRecordContext<Product>();
  if (!product) return null;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', px: 2, pt: 2 }}>
      <Box>
        <Typography variant="h5" component="h2" data-testid="product-name">
          {product.name}
        </Typography>
        <Typography color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {product.sku}
        </Typography>
      </Box>
      <ProductActiveChip />
    </Stack>
  );
};

export const ProductShow = () => (
  <Show
    actions={
      <TopToolbar sx={{ gap: 1, alignItems: 'center' }}>
        <ListButton />
        <ChangePriceButton />
        <DeactivateButton />
      </TopToolbar>
    }
  >
    <ProductHeader />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="resources.products.tabs.summary">
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={6}>
          <Stack spacing={2}>
            <Labeled>
              <MoneyField source="unitPrice" />
            </Labeled>
            <Labeled>
              <TextField source="taxRate" />
            </Labeled>
          </Stack>
          <Stack spacing={2}>
            <Labeled>
              <HumanDateField source="createdAt" />
            </Labeled>
            <Labeled>
              <HumanDateField source="updatedAt" />
            </Labeled>
          </Stack>
        </Stack>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.products.tabs.history" path="history">
        <RecordTimelineTab entity="product" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
