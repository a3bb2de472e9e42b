import BlockIcon from '@mui/icons-material/Block';
import PriceChangeIcon from '@mui/icons-material/PriceChange';
import { Box, Stack, Typography } from '@mui/material';
import { Labeled, ListButton, Show, TabbedShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { SELLERS } from '../roles';
import { CommandButton, DialogCommandButton } from '../CommandButton';
import type { Product } from '../dataProvider';
import { EventHistory } from '../EventHistory';
import { HumanDateField } from '../HumanDateField';
import { MoneyField } from '../MoneyField';
import { ProductActiveChip } from './ProductActiveChip';

const ChangePriceButton = () => (
  <DialogCommandButton<Product, Product>
    roles={SELLERS}
    label="resources.products.actions.change_price"
    icon={<PriceChangeIcon />}
    allowed={(product) => product.active}
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
    run={(dataProvider, product, { unitPrice }) => dataProvider.changeProductPrice(product.id, unitPrice)}
    success={(product) => ['resources.products.notifications.price_changed', { price: `${product.unitPrice} ${product.currency}` }]}
    variant="contained"
  />
);

const DeactivateButton = () => (
  <CommandButton<Product, Product>
    roles={SELLERS}
    label="resources.products.actions.deactivate"
    icon={<BlockIcon />}
    allowed={(product) => product.active}
    run={(dataProvider, product) => dataProvider.deactivateProduct(product.id)}
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
        <EventHistory entity="product" />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
