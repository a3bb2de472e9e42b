import { Recorded } from '../../src/shared/event-store/recorded-event';
import { rowProjection } from '../../src/shared/projection/projection';
import { ChartEvent } from '../../src/ledger/domain/chart.events';
import { chartEvents } from '../../src/ledger/domain/ledger.events';

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

export const applyAccountEvent = (row: AccountRow | null, event: Recorded<ChartEvent>): AccountRow | null => {
  switch (event.type) {
    case 'AccountOpened': {
      const { accountId, code, name, accountType } = event.data;
      return {
        id: accountId,
        tenant_id: event.metadata.tenantId,
        code,
        name,
        account_type: accountType,
        open: true,
        opened_at: event.recordedAt,
        revision: event.revision.toString(),
      };
    }
    case 'AccountClosed':
      return row ? { ...row, open: false, revision: event.revision.toString() } : null;
    default:
      return row;
  }
};

export const accountsProjection = rowProjection({
  name: 'ledger.accounts',
  table: 'ledger_accounts',
  handles: chartEvents.select('AccountOpened', 'AccountClosed'),
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
  events: chartEvents,
  key: (event) => (event.type === 'PeriodLocked' ? null : event.data.accountId),
  apply: applyAccountEvent,
});

/** The tenant's period lock, one row per chart. */
export interface LedgerSettingsRow {
  id: string;
  tenant_id: string;
  locked_through: string | null;
  updated_at: Date | string;
}

export const ledgerSettingsProjection = rowProjection({
  name: 'ledger.settings',
  table: 'ledger_settings',
  handles: chartEvents.select('PeriodLocked'),
  columns: { id: 'uuid', tenant_id: 'text', locked_through: 'text', updated_at: 'timestamptz' },
  events: chartEvents,
  key: (event) => event.data.chartId,
  apply: (row: LedgerSettingsRow | null, event) => {
    if (event.type !== 'PeriodLocked') return row;
    return { id: event.data.chartId, tenant_id: event.metadata.tenantId, locked_through: event.data.through, updated_at: event.recordedAt };
  },
});
