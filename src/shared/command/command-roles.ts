import { Role } from '../auth/caller';

/** CRM, catalogue, quotes and orders: admins and sales. */
export const SELLERS: readonly Role[] = ['admin', 'sales'];
/** Invoices, payments and the ledger: admins and accountants. */
export const ACCOUNTANTS: readonly Role[] = ['admin', 'accountant'];
