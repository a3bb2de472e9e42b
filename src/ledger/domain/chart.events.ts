/**
 * Chart-of-accounts events, one stream per tenant (`chartOfAccounts-<chartId>`). Stored names:
 * never rename one.
 */
export type AccountType = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE';
export const ACCOUNT_TYPES: readonly AccountType[] = ['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'];

export type AccountOpened = {
  type: 'AccountOpened';
  data: { chartId: string; accountId: string; code: string; name: string; accountType: AccountType };
};
export type AccountClosed = { type: 'AccountClosed'; data: { chartId: string; accountId: string; code: string } };
/** Nothing dated on or before `through` may be posted any more. */
export type PeriodLocked = { type: 'PeriodLocked'; data: { chartId: string; through: string; previous: string | null } };

export type ChartEvent = AccountOpened | AccountClosed | PeriodLocked;

export const chartStream = (chartId: string) => `chartOfAccounts-${chartId}`;
