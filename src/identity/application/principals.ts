import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { Principal, PrincipalLookup } from '../../shared/auth/principals';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { UserDirectory } from '../public/user-directory';
import { Credentials, sha256 } from './credentials';
import { IdentityTime } from './identity-time';

/** `annals_<key id, 32 hex digits>_<43 random characters>`: the id finds the key, the whole secret is checked against its hash. */
const SECRET = /^annals_([0-9a-f]{32})_[A-Za-z0-9_-]{43}$/;
const USAGE_RESOLUTION_MS = 60_000;

const uuidOf = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** What the shared auth asks of identity on each request: who a session's user or an API key's secret is now. */
@Injectable()
export class IdentityPrincipals implements PrincipalLookup {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly credentials: Credentials,
    private readonly time: IdentityTime,
    private readonly directory: UserDirectory,
  ) {}

  async tenant(tenantId: string): Promise<{ name: string; currency: string } | null> {
    const tenant = await this.directory.tenant(tenantId);
    return tenant ? { name: tenant.name, currency: tenant.currency } : null;
  }

  async user(userId: string): Promise<Principal | null> {
    const { rows } = await this.database.pool.query(`SELECT id::text, tenant_id, email, role, active FROM users WHERE id::text = $1`, [userId]);
    const row = rows[0];
    return row ? { id: row.id, tenantId: row.tenant_id, email: row.email, role: row.role, active: row.active, kind: 'user' } : null;
  }

  async apiKey(secret: string): Promise<Principal | null> {
    const match = SECRET.exec(secret);
    if (!match) return null;
    const id = uuidOf(match[1]);
    const stored = await this.credentials.apiKeySecretHash(id);
    if (!stored || !timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(sha256(secret), 'hex'))) return null;
    const { rows } = await this.database.pool.query(`SELECT tenant_id, name, role, prefix, expires_at, revoked_at FROM api_keys WHERE id = $1`, [id]);
    const key = rows[0];
    const now = this.time.now();
    if (!key || key.revoked_at || (key.expires_at && key.expires_at <= now)) return null;
    this.touch(id, now);
    return { id, tenantId: key.tenant_id, email: `${key.prefix} (${key.name})`, role: key.role, active: true, kind: 'api_key' };
  }

  /** Last use, to the minute: one write per key per minute at most, off the request's path. */
  private touch(id: string, now: Date) {
    const last = this.lastTouched.get(id);
    if (last && now.getTime() - last < USAGE_RESOLUTION_MS) return;
    this.lastTouched.set(id, now.getTime());
    if (this.lastTouched.size > 10_000) this.lastTouched.delete(this.lastTouched.keys().next().value!);
    void this.credentials.apiKeyUsed([id], now).catch(() => this.lastTouched.delete(id));
  }
}

/** A new API key secret for the key `apiKeyId`; see SECRET above. */
export const newApiKeySecret = (apiKeyId: string, random: string) => `annals_${apiKeyId.replace(/-/g, '')}_${random}`;
