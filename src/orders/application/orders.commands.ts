import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../shared/database/database';
import { NotFoundError } from '../../shared/domain/domain-error';
import { DATABASE } from '../../shared/tokens';

/** The read models that answer catalogue, quote and order commands. */
export const PRODUCTS = 'orders.products';
export const QUOTES = 'orders.quotes';
export const ORDERS = 'orders.orders';

/** The business date commands run on (UTC). */
export const today = (now = new Date()): string => now.toISOString().slice(0, 10);

/** Every amount of a tenant is in its one currency. */
@Injectable()
export class TenantCurrency {
  constructor(@Inject(DATABASE) private readonly database: Pick<Database, 'pool'>) {}

  async of(tenantId: string): Promise<string> {
    const { rows } = await this.database.pool.query(`SELECT currency FROM tenants WHERE id = $1`, [tenantId]);
    if (!rows[0]) throw new NotFoundError('tenant', tenantId);
    return String(rows[0].currency).trim();
  }
}
