import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditThreadContribution, AuditThreadContributor, AuditThreadContributors } from '../../audit/public/audit-thread-contributor';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';

/** The notifications an action's events caused, in its audit thread (one tenant's only; who was told, not what they read). */
@Injectable()
export class NotificationsAuditThread implements AuditThreadContributor, OnModuleInit {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    private readonly contributors: AuditThreadContributors,
  ) {}

  onModuleInit(): void {
    this.contributors.register(this);
  }

  async contributions(tenantId: string, _correlationId: string, eventIds: readonly string[]): Promise<AuditThreadContribution[]> {
    if (eventIds.length === 0) return [];
    const { rows } = await this.database.pool.query<{
      id: string;
      type: string;
      title: string;
      recipient_id: string;
      source_event_id: string;
      created_at: Date;
      email: boolean;
    }>(
      `SELECT id::text, type, title, recipient_id, source_event_id, created_at, email FROM notifications
        WHERE tenant_id = $1 AND source_event_id = ANY($2::text[]) ORDER BY created_at LIMIT 1000`,
      [tenantId, eventIds],
    );
    return rows.map((row) => ({
      kind: 'notification',
      at: row.created_at,
      type: `notification ${row.type}`,
      causationId: row.source_event_id,
      summary: `${row.title} (to user ${row.recipient_id}${row.email ? ', by email too' : ''})`,
      data: { notificationId: row.id, recipientId: row.recipient_id, type: row.type },
    }));
  }
}
