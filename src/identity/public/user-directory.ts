import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '../../shared/auth/caller';
import { Database } from '../../shared/database/database';
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

  /** The tenant's active users with one of these roles (every accountant, every admin). */
  async withRoles(tenantId: string, roles: readonly Role[]): Promise<DirectoryUser[]> {
    const { rows } = await this.database.pool.query(`${SELECT} WHERE tenant_id = $1 AND role = ANY($2::text[]) ORDER BY email`, [tenantId, roles]);
    return rows.filter((user) => user.active);
  }
}

const SELECT = `SELECT id::text, tenant_id AS "tenantId", email, name, role, true AS active FROM users`;
