import { UserDirectory } from '../../identity/public/user-directory';
import { CommandEnv } from '../../shared/command/command-spec';
import { NotFoundError } from '../../shared/domain/domain-error';

/** The read models that answer catalogue, quote and order commands. */
export const PRODUCTS = 'orders.products';
export const QUOTES = 'orders.quotes';
export const ORDERS = 'orders.orders';

/** The business date (UTC) of a moment read from the app's CLOCK. */
export const today = (now: Date): string => now.toISOString().slice(0, 10);

/** Every amount of a tenant is in its one currency, as identity's UserDirectory knows the tenant. */
export const tenantCurrency = async (env: CommandEnv): Promise<string> => {
  const tenant = await env.get(UserDirectory).tenant(env.tenantId);
  if (!tenant) throw new NotFoundError('tenant', env.tenantId);
  return tenant.currency;
};
