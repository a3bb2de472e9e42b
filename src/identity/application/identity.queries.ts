import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyView, UserView } from '../../../projections/identity/entities';
import { Clock, CLOCK } from '../../shared/clock';
import { Database } from '../../shared/database/database';
import { ListArgs, Page } from '../../shared/graphql/list.types';
import { containingAny, equalTo, mapPage, ReadModelList } from '../../shared/read-model/list-query';
import { TenantReader } from '../../shared/read-model/tenant-reader';
import { DATABASE } from '../../shared/tokens';
import { ApiKey, Tenant, User, UserFilter } from '../api/identity.types';

const USERS: ReadModelList<UserView> = { entity: UserView, sortable: ['email', 'name', 'role', 'status', 'createdAt', 'updatedAt'] };
const API_KEYS: ReadModelList<ApiKeyView> = { entity: ApiKeyView, sortable: ['name', 'role', 'createdAt', 'expiresAt'] };

export const USERS_READ_MODEL = 'identity.users';
export const API_KEYS_READ_MODEL = 'identity.api_keys';
export const TENANTS_READ_MODEL = 'identity.tenants';

const toUser = (row: UserView): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  status: row.status,
  active: row.active,
  invitedBy: row.invitedBy,
  joinedAt: row.joinedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** What the identity screens and commands read: users, API keys and the tenant's settings, always of one tenant. */
@Injectable()
export class IdentityQueries {
  constructor(
    private readonly reader: TenantReader,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async user(tenantId: string, id: string): Promise<User | null> {
    const row = await this.reader.byId(tenantId, UserView, id);
    return row ? toUser(row) : null;
  }

  async users(tenantId: string, filter: UserFilter | undefined, list: ListArgs): Promise<Page<User>> {
    const where = { tenantId, ...equalTo(filter ?? {}, 'role', 'status'), ...containingAny(filter?.q, ['name', 'email']) };
    return mapPage(
      await this.reader.page(tenantId, USERS, where, { ...list, sortField: list.sortField ?? 'email', sortOrder: list.sortField ? list.sortOrder : 'ASC' }),
      toUser,
    );
  }

  /** Active admins of the tenant, for the last-admin rule. */
  async activeAdmins(tenantId: string): Promise<string[]> {
    const { rows } = await this.database.pool.query(`SELECT id::text FROM users WHERE tenant_id = $1 AND role = 'admin' AND active`, [tenantId]);
    return rows.map((row) => row.id);
  }

  async apiKey(tenantId: string, id: string): Promise<ApiKey | null> {
    const row = await this.reader.byId(tenantId, ApiKeyView, id);
    if (!row) return null;
    return (await this.withUsage([row]))[0];
  }

  async apiKeys(tenantId: string, list: ListArgs): Promise<Page<ApiKey>> {
    const page = await this.reader.page(tenantId, API_KEYS, { tenantId }, list);
    return { items: await this.withUsage(page.items), total: page.total };
  }

  private async withUsage(rows: ApiKeyView[]): Promise<ApiKey[]> {
    const { rows: usage } = await this.database.pool.query(
      `SELECT api_key_id::text AS id, last_used_at FROM api_key_secrets WHERE api_key_id = ANY($1::uuid[])`,
      [rows.map((row) => row.id)],
    );
    const lastUsed = new Map(usage.map((row) => [row.id as string, row.last_used_at as Date | null]));
    const now = this.clock.now();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      prefix: row.prefix,
      status: row.revokedAt ? 'REVOKED' : row.expiresAt && row.expiresAt <= now ? 'EXPIRED' : 'ACTIVE',
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      lastUsedAt: lastUsed.get(row.id) ?? null,
      revokedAt: row.revokedAt,
    }));
  }

  async tenant(tenantId: string): Promise<Tenant | null> {
    const { rows } = await this.database.pool.query(
      `SELECT id, name, currency, payment_terms_days AS "paymentTermsDays", time_zone AS "timeZone" FROM tenants WHERE id = $1`,
      [tenantId],
    );
    return rows[0] ? { ...rows[0], currency: rows[0].currency.trim() } : null;
  }
}
