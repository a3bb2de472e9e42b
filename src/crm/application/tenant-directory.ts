import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../shared/database/database';
import { isUuid } from '../../shared/domain/ids';
import { DATABASE } from '../../shared/tokens';
import { Owner } from '../api/crm.types';

/**
 * The users and currency of a tenant, from the identity tables (not a read model): who may own
 * a lead or a client, and the currency CRM shows amounts in.
 */
@Injectable()
export class TenantDirectory {
  private readonly currencies = new Map<string, string>();

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The users among `ids` that belong to the tenant; ids of another tenant or of nobody are left out. */
  async users(tenantId: string, ids: string[]): Promise<Map<string, Owner>> {
    const wanted = [...new Set(ids.filter(isUuid))];
    if (wanted.length === 0) return new Map();
    const { rows } = await this.database.pool.query<Owner>(`SELECT id, name, email, role FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      tenantId,
      wanted,
    ]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async isUser(tenantId: string, userId: string): Promise<boolean> {
    return (await this.users(tenantId, [userId])).has(userId);
  }

  async currency(tenantId: string): Promise<string> {
    const known = this.currencies.get(tenantId);
    if (known) return known;
    const { rows } = await this.database.pool.query<{ currency: string }>(`SELECT currency FROM tenants WHERE id = $1`, [tenantId]);
    const currency = rows[0]?.currency ?? 'USD';
    this.currencies.set(tenantId, currency);
    return currency;
  }
}
