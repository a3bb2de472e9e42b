import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';

/**
 * Endpoints' signing secrets, in a table of their own: no event, log line or API answer holds one,
 * except the answers of createWebhookEndpoint and rotateWebhookSecret, once. annals_reader cannot read it.
 */
@Injectable()
export class WebhookSecrets {
  constructor(@Inject(DATABASE) private readonly database: Pick<Database, 'pool'>) {}

  async store(tenantId: string, endpointId: string, secretId: string, secret: string, now: Date): Promise<void> {
    await this.database.pool.query(
      `INSERT INTO webhooks_secrets (id, endpoint_id, tenant_id, secret, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [secretId, endpointId, tenantId, secret, now],
    );
  }

  /** The secret `secretId` of the tenant's endpoint: what a create or rotate answers, once. */
  async reveal(tenantId: string, endpointId: string, secretId: string): Promise<string | null> {
    const { rows } = await this.database.pool.query<{ secret: string }>(
      `SELECT secret FROM webhooks_secrets WHERE id = $1 AND endpoint_id = $2 AND tenant_id = $3`,
      [secretId, endpointId, tenantId],
    );
    return rows[0]?.secret ?? null;
  }

  /** After a rotation: every other secret of the endpoint signs until `until`, then stops. */
  async expireOthers(endpointId: string, keepId: string, until: Date): Promise<void> {
    await this.database.pool.query(`UPDATE webhooks_secrets SET expires_at = LEAST(COALESCE(expires_at, $3), $3) WHERE endpoint_id = $1 AND id <> $2`, [
      endpointId,
      keepId,
      until,
    ]);
  }

  /** The secrets that sign now or later, per endpoint, newest first, with when each stops signing (null: never). */
  async signing(endpointIds: readonly string[], now: Date): Promise<Map<string, { secret: string; expiresAt: number | null }[]>> {
    const { rows } = await this.database.pool.query<{ endpoint_id: string; secret: string; expires_at: Date | null }>(
      `SELECT endpoint_id, secret, expires_at FROM webhooks_secrets WHERE endpoint_id = ANY($1::uuid[]) AND (expires_at IS NULL OR expires_at > $2)
       ORDER BY endpoint_id, created_at DESC`,
      [endpointIds, now],
    );
    const secrets = new Map<string, { secret: string; expiresAt: number | null }[]>();
    for (const row of rows)
      secrets.set(row.endpoint_id, [
        ...(secrets.get(row.endpoint_id) ?? []),
        { secret: row.secret, expiresAt: row.expires_at ? row.expires_at.getTime() : null },
      ]);
    return secrets;
  }
}
