import { Injectable } from '@nestjs/common';

/**
 * What an action caused beyond the log: webhook deliveries, notifications, emails. A context that
 * records such effects, keyed by the correlation id of the event that caused them, implements
 * AuditThreadContributor and registers it (`contributors.register(this)` in its onModuleInit, with
 * AuditThreadContributors injected; the audit module provides it globally); `auditThread` then
 * shows its entries in time order among the events. The audit context reads nothing else of it.
 */
export interface AuditThreadContribution {
  /** What kind of step: `webhook_delivery`, `notification`... */
  kind: string;
  at: Date;
  /** What happened: `delivered 200`, `emailed ada@acme.test`. */
  type: string;
  /** The event that caused it (its id), when known. */
  causationId: string | null;
  summary: string | null;
  data?: unknown;
}

export interface AuditThreadContributor {
  /** Entries of one tenant's action, by correlation id or by the ids of its events (`eventIds`); never another tenant's. */
  contributions(tenantId: string, correlationId: string, eventIds: readonly string[]): Promise<AuditThreadContribution[]>;
}

@Injectable()
export class AuditThreadContributors {
  private readonly contributors: AuditThreadContributor[] = [];

  register(contributor: AuditThreadContributor): void {
    this.contributors.push(contributor);
  }

  all(): readonly AuditThreadContributor[] {
    return this.contributors;
  }
}
