import InventoryIcon from '@mui/icons-material/Inventory2';
import type { Product } from '../dataProvider';
import { ProductCreate } from './ProductCreate';
import { ProductList } from './ProductList';
import { ProductShow } from './ProductShow';

export default {
  list: ProductList,
  show: ProductShow,
  create: ProductCreate,
  icon: InventoryIcon,
  recordRepresentation: (product: Product) => `${product.sku} · ${product.name}`,
};
