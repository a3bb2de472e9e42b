import { Inject, Injectable } from '@nestjs/common';
import type { CloudEvent } from '../../crm/public/crm-integration-events';
import { Database } from '../../shared/database/database';
import { DATABASE } from '../../shared/tokens';
import { text } from './notification-text';

export interface ScheduledTask {
  tenantId: string;
  activityId: string;
  subjectType: string;
  subjectId: string;
  subject: string;
  dueOn: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The open tasks with a due date, as the notifier learns them from CRM's integration events
 * (`crm.activity.logged.v1` of kind TASK, `crm.task.completed.v1`), for the morning of their due
 * date. Its own table: CRM's read models stay CRM's.
 */
@Injectable()
export class TaskSchedule {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Whether the event told of a task (and was written down). */
  async learn(event: CloudEvent): Promise<boolean> {
    const data = (event.data ?? {}) as Record<string, unknown>;
    if (event.type === 'crm.activity.logged.v1' && data.kind === 'TASK' && DATE.test(text(data.dueOn)) && text(data.activityId)) {
      await this.database.pool.query(
        `INSERT INTO notification_tasks (tenant_id, activity_id, subject_type, subject_id, subject, due_on) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, activity_id) DO NOTHING`,
        [event.tenantid, text(data.activityId), text(data.subjectType), text(data.subjectId), text(data.subject).slice(0, 500), text(data.dueOn)],
      );
      return true;
    } else if (event.type === 'crm.task.completed.v1' && text(data.activityId)) {
      await this.database.pool.query(`UPDATE notification_tasks SET completed = true WHERE tenant_id = $1 AND activity_id = $2`, [
        event.tenantid,
        text(data.activityId),
      ]);
      return true;
    }
    return false;
  }

  /** Tenants with an open, not yet notified task due on or before `latest` (a date in the furthest time zone). */
  async tenantsWithTasksBy(latest: string): Promise<string[]> {
    const { rows } = await this.database.pool.query(
      `SELECT DISTINCT tenant_id FROM notification_tasks WHERE NOT completed AND notified_at IS NULL AND due_on <= $1`,
      [latest],
    );
    return rows.map((row) => row.tenant_id);
  }

  /** A tenant's open tasks due by `date` (today, once its morning came; else yesterday), not yet notified. */
  async due(tenantId: string, date: string): Promise<ScheduledTask[]> {
    const { rows } = await this.database.pool.query<ScheduledTask>(
      `SELECT tenant_id AS "tenantId", activity_id AS "activityId", subject_type AS "subjectType", subject_id AS "subjectId", subject, due_on AS "dueOn"
       FROM notification_tasks WHERE tenant_id = $1 AND NOT completed AND notified_at IS NULL AND due_on <= $2 ORDER BY due_on, activity_id LIMIT 500`,
      [tenantId, date],
    );
    return rows;
  }

  async notified(task: ScheduledTask, at: Date): Promise<void> {
    await this.database.pool.query(`UPDATE notification_tasks SET notified_at = $3 WHERE tenant_id = $1 AND activity_id = $2`, [
      task.tenantId,
      task.activityId,
      at,
    ]);
  }
}
