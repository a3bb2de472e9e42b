/**
 * OrderPlaced, published to other contexts (CRM counts a client's orders from it), stored under
 * this name on the order's stream; the orders domain re-exports it. Money fields are integer minor
 * units of `currency`; `quantity` and `taxRate` are normalised decimal strings.
 */
export interface OrderLine {
  productId: string | null;
  description: string;
  quantity: string;
  unitPrice: number;
  taxRate: string;
  net: number;
  tax: number;
}

export type OrderPlaced = {
  type: 'OrderPlaced';
  data: {
    orderId: string;
    quoteId: string;
    clientId: string;
    currency: string;
    lines: OrderLine[];
    net: number;
    tax: number;
    total: number;
    placedOn: string;
  };
};
