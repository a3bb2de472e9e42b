import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Ledger read models, read through MikroORM (sums and joins go through SQL in ledger.queries.ts). */
@Entity({ tableName: 'ledger_accounts' })
export class LedgerAccountView {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text', fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'text' }) code!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text', fieldName: 'account_type' }) accountType!: string;
  @Property({ type: 'boolean' }) open!: boolean;
  @Property({ type: 'timestamptz', fieldName: 'opened_at' }) openedAt!: Date;
  @Property({ type: 'bigint' }) revision!: string;
}

@Entity({ tableName: 'ledger_settings' })
export class LedgerSettingsView {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text', fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'text', fieldName: 'locked_through', nullable: true }) lockedThrough!: string | null;
  @Property({ type: 'timestamptz', fieldName: 'updated_at' }) updatedAt!: Date;
}

@Entity({ tableName: 'ledger_entries' })
export class JournalEntryView {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text', fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'text', fieldName: 'entry_date' }) entryDate!: string;
  @Property({ type: 'text' }) memo!: string;
  @Property({ type: 'text' }) currency!: string;
  @Property({ type: 'bigint' }) total!: string;
  @Property({ type: 'text', fieldName: 'source_type', nullable: true }) sourceType!: string | null;
  @Property({ type: 'text', fieldName: 'source_id', nullable: true }) sourceId!: string | null;
  @Property({ type: 'uuid', fieldName: 'reversal_of', nullable: true }) reversalOf!: string | null;
  @Property({ type: 'uuid', fieldName: 'reversed_by', nullable: true }) reversedBy!: string | null;
  @Property({ type: 'text', fieldName: 'reversal_reason', nullable: true }) reversalReason!: string | null;
  @Property({ type: 'text', fieldName: 'actor_id' }) actorId!: string;
  @Property({ type: 'timestamptz', fieldName: 'posted_at' }) postedAt!: Date;
}

@Entity({ tableName: 'ledger_ar_invoices' })
export class ArInvoiceView {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text', fieldName: 'tenant_id' }) tenantId!: string;
  @Property({ type: 'uuid', fieldName: 'client_id' }) clientId!: string;
  @Property({ type: 'text' }) number!: string;
  @Property({ type: 'text' }) currency!: string;
  @Property({ type: 'text', fieldName: 'issued_on' }) issuedOn!: string;
  @Property({ type: 'text', fieldName: 'due_on' }) dueOn!: string;
  @Property({ type: 'bigint' }) total!: string;
  @Property({ type: 'json' }) movements!: { id: string; kind: string; on: string; amount: number }[];
  @Property({ type: 'text', fieldName: 'voided_on', nullable: true }) voidedOn!: string | null;
  @Property({ type: 'timestamptz', fieldName: 'updated_at' }) updatedAt!: Date;
}
