import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import type { Order } from '../dataProvider';
import { OrderList } from './OrderList';
import { OrderShow } from './OrderShow';

export default {
  list: OrderList,
  show: OrderShow,
  icon: ShoppingCartIcon,
  recordRepresentation: (order: Order) => `${order.clientName ?? order.clientId} · ${order.total} ${order.currency} (${order.placedOn})`,
};
