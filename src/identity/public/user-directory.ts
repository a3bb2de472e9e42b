import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '../../shared/auth/caller';
import { Database } from '../../shared/database/database';
import { isUuid } from '../../shared/domain/ids';
import { DATABASE } from '../../shared/tokens';

/** A person of a tenant, as other contexts may know them (notifications' recipients, auditors' actors). */
export interface DirectoryUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
}

/** A tenant as other contexts need it (names in messages, currency, the time zone of "8 in the morning"). */
export interface DirectoryTenant {
  id: string;
  name: string;
  currency: string;
  /** IANA time zone name ('Europe/Paris'); 'UTC' unless the tenant set one. */
  timeZone: string;
  /** Days between an invoice and its due date. */
  paymentTermsDays: number;
}

/** Who did something, for auditors: a user, an API key or annals itself. */
export interface DirectoryActor {
  id: string;
  kind: 'user' | 'api_key' | 'system';
  name: string | null;
  email: string | null;
}

/**
 * The identity context's public port: who the users of a tenant are. Other contexts ask this, never
 * the identity tables. Answers are always scoped to one tenant.
 */
@Injectable()
export class UserDirectory {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async user(tenantId: string, userId: string): Promise<DirectoryUser | null> {
    const { rows } = await this.database.pool.query(`${SELECT} WHERE tenant_id = $1 AND id::text = $2`, [tenantId, userId]);
    return rows[0] ?? null;
  }

  /** The users among `ids` that belong to the tenant, in one query (a page of owners); ids of another tenant or of nobody are left out. */
  async users(tenantId: string, ids: readonly string[]): Promise<Map<string, DirectoryUser>> {
    const wanted = [...new Set(ids.filter(isUuid))];
    if (wanted.length === 0) return new Map();
    const { rows } = await this.database.pool.query<DirectoryUser>(`${SELECT} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, wanted]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The tenant's active users with one of these roles (every accountant, every admin). */
  async withRoles(tenantId: string, roles: readonly Role[]): Promise<DirectoryUser[]> {
    const { rows } = await this.database.pool.query(`${SELECT} WHERE tenant_id = $1 AND role = ANY($2::text[]) AND active ORDER BY email`, [tenantId, roles]);
    return rows;
  }

  async tenant(tenantId: string): Promise<DirectoryTenant | null> {
    const { rows } = await this.database.pool.query(
      `SELECT id, name, trim(currency) AS currency, time_zone AS "timeZone", payment_terms_days AS "paymentTermsDays" FROM tenants WHERE id = $1`,
      [tenantId],
    );
    return rows[0] ?? null;
  }

  /** The actor an event's metadata names (`actorId`, `actorKind`); unknown ids answer with null name and email. */
  async actor(tenantId: string, actorId: string, kind: DirectoryActor['kind'] = 'user'): Promise<DirectoryActor> {
    if (kind === 'system' || actorId.startsWith('system:')) return { id: actorId, kind: 'system', name: actorId.replace(/^system:/, ''), email: null };
    if (kind === 'api_key') {
      const { rows } = await this.database.pool.query(`SELECT name FROM api_keys WHERE tenant_id = $1 AND id::text = $2`, [tenantId, actorId]);
      return { id: actorId, kind, name: rows[0]?.name ?? null, email: null };
    }
    const user = await this.user(tenantId, actorId);
    return { id: actorId, kind, name: user?.name ?? null, email: user?.email ?? null };
  }
}

const SELECT = `SELECT id::text, tenant_id AS "tenantId", email, name, role, active FROM users`;
