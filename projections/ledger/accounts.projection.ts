import { RecordedEvent } from '../../src/shared/event-store/event-store.port';
import { rowProjection } from '../../src/shared/projection/projection';
import { ChartEvent } from '../../src/ledger/domain/chart.events';

/** One row per account of a tenant's chart. Balances are not here: see journal.projection.ts. */
export interface AccountRow {
  id: string;
  tenant_id: string;
  code: string;
  name: string;
  account_type: string;
  open: boolean;
  opened_at: Date | string;
  revision: string;
}

export const applyAccountEvent = (row: AccountRow | null, recorded: RecordedEvent): AccountRow | null => {
  const event = recorded as unknown as RecordedEvent & ChartEvent;
  switch (event.type) {
    case 'AccountOpened': {
      const { accountId, code, name, accountType } = event.data;
      return {
        id: accountId,
        tenant_id: recorded.metadata.tenantId,
        code,
        name,
        account_type: accountType,
        open: true,
        opened_at: recorded.recordedAt,
        revision: recorded.revision.toString(),
      };
    }
    case 'AccountClosed':
      return row ? { ...row, open: false, revision: recorded.revision.toString() } : null;
    default:
      return row;
  }
};

export const accountsProjection = rowProjection<AccountRow>({
  name: 'ledger.accounts',
  table: 'ledger_accounts',
  handles: ['AccountOpened', 'AccountClosed'],
  columns: {
    id: 'uuid',
    tenant_id: 'text',
    code: 'text',
    name: 'text',
    account_type: 'text',
    open: 'boolean',
    opened_at: 'timestamptz',
    revision: 'bigint',
  },
  key: (event) => (event.data as { accountId?: string }).accountId ?? null,
  apply: applyAccountEvent,
});

/** The tenant's period lock, one row per chart. */
export interface LedgerSettingsRow {
  id: string;
  tenant_id: string;
  locked_through: string | null;
  updated_at: Date | string;
}

export const ledgerSettingsProjection = rowProjection<LedgerSettingsRow>({
  name: 'ledger.settings',
  table: 'ledger_settings',
  handles: ['PeriodLocked'],
  columns: { id: 'uuid', tenant_id: 'text', locked_through: 'text', updated_at: 'timestamptz' },
  key: (event) => (event.data as { chartId?: string }).chartId ?? null,
  apply: (row, recorded) => {
    const event = recorded as unknown as RecordedEvent & ChartEvent;
    if (event.type !== 'PeriodLocked') return row;
    return { id: event.data.chartId, tenant_id: recorded.metadata.tenantId, locked_through: event.data.through, updated_at: recorded.recordedAt };
  },
});
