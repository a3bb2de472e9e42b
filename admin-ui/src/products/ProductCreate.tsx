import { Create, maxLength, regex, required, SimpleForm, TextInput, useNotify, useRedirect } from 'react-admin';
import type { Product } from '../dataProvider';

const DECIMAL = /^\d+(\.\d+)?$/;

export const ProductCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      title="resources.products.create_title"
      mutationOptions={{
        onSuccess: (product: Product) => {
          notify('resources.products.notifications.created', { type: 'success' });
          redirect('show', 'products', product.id);
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 560 }}>
        <TextInput
          source="sku"
          validate={[required(), regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/, 'resources.products.validation.sku')]}
          helperText="resources.products.helper.sku"
          autoFocus
        />
        <TextInput source="name" validate={[required(), maxLength(200)]} />
        <TextInput
          source="unitPrice"
          validate={[required(), regex(DECIMAL, 'annals.validation.decimal')]}
          helperText="resources.products.helper.unitPrice"
          inputMode="decimal"
        />
        <TextInput
          source="taxRate"
          validate={[required(), regex(DECIMAL, 'annals.validation.decimal')]}
          helperText="resources.products.helper.taxRate"
          inputMode="decimal"
        />
      </SimpleForm>
    </Create>
  );
};
