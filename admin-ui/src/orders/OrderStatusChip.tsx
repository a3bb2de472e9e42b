import type { ChipProps } from '@mui/material';
import type { OrderStatus } from '../dataProvider';
import { StatusChip, statusChoices } from '../StatusChip';

export const ORDER_STATUSES: OrderStatus[] = ['PLACED', 'PAYMENT_AUTHORIZED', 'PAYMENT_FAILED', 'SHIPPED', 'DELIVERED', 'INVOICED', 'CLOSED', 'CANCELLED'];

const COLOURS: Record<OrderStatus, ChipProps['color']> = {
  PLACED: 'default',
  PAYMENT_AUTHORIZED: 'primary',
  PAYMENT_FAILED: 'error',
  SHIPPED: 'info',
  DELIVERED: 'warning',
  INVOICED: 'warning',
  CLOSED: 'success',
  CANCELLED: 'default',
};

export const OrderStatusChip = (props: { source?: string; label?: string; size?: ChipProps['size'] }) => (
  <StatusChip colours={COLOURS} outlined={['CANCELLED', 'PAYMENT_FAILED']} {...props} />
);

export const orderStatusChoices = statusChoices('orders', ORDER_STATUSES);
