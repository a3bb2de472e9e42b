import { assertNever, recordDecider } from '../../shared/domain/decider';
import { deterministicId } from '../../shared/domain/ids';
import { ACCOUNT_TYPES, AccountType, ChartEvent } from './chart.events';
import { isValidDate } from './dates';
import { LedgerError, LedgerErrorCode } from './ledger.error';
import { chartEvents } from './ledger.events';

export const CASH = '1000';
export const ACCOUNTS_RECEIVABLE = '1100';
export const SALES_TAX_PAYABLE = '2200';
export const SALES_REVENUE = '4000';

/** Seeded in every tenant on first use. */
export const DEFAULT_ACCOUNTS: readonly { code: string; name: string; accountType: AccountType }[] = [
  { code: CASH, name: 'Cash', accountType: 'ASSET' },
  { code: ACCOUNTS_RECEIVABLE, name: 'Accounts Receivable', accountType: 'ASSET' },
  { code: SALES_TAX_PAYABLE, name: 'Sales Tax Payable', accountType: 'LIABILITY' },
  { code: '3000', name: "Owner's Equity", accountType: 'EQUITY' },
  { code: SALES_REVENUE, name: 'Sales Revenue', accountType: 'REVENUE' },
  { code: '5000', name: 'Cost of Goods Sold', accountType: 'EXPENSE' },
  { code: '6000', name: 'Operating Expenses', accountType: 'EXPENSE' },
];

/** The automatic postings use these: closing one would stop them. */
export const CONTROL_ACCOUNTS: readonly string[] = [CASH, ACCOUNTS_RECEIVABLE, SALES_TAX_PAYABLE, SALES_REVENUE];

/** The most accounts a chart has: the trial balance, one line per account, stays a page a person reads. */
export const MAX_ACCOUNTS = 1_000;

export const chartIdFor = (tenantId: string) => deterministicId(tenantId, 'chart-of-accounts');
export const accountIdFor = (tenantId: string, code: string) => deterministicId(tenantId, 'ledger-account', code);

export type SeedChart = {
  type: 'SeedChart';
  chartId: string;
  accounts: { accountId: string; code: string; name: string; accountType: AccountType }[];
};
export type OpenAccount = { type: 'OpenAccount'; chartId: string; accountId: string; code: string; name: string; accountType: string };
export type CloseAccount = { type: 'CloseAccount'; chartId: string; code: string };
export type LockPeriod = { type: 'LockPeriod'; chartId: string; through: string; today: string };
export type ChartCommand = SeedChart | OpenAccount | CloseAccount | LockPeriod;

export interface ChartAccount {
  accountId: string;
  code: string;
  name: string;
  accountType: AccountType;
  open: boolean;
}
export type Chart = { status: 'NONE' } | { status: 'OPEN'; chartId: string; accounts: Record<string, ChartAccount>; lockedThrough: string | null };

const CODE = /^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/;

export const lockedThrough = (chart: Chart): string | null => (chart.status === 'OPEN' ? chart.lockedThrough : null);

const opened = (chartId: string, accountId: string, code: string, name: string, accountType: AccountType): ChartEvent => ({
  type: 'AccountOpened',
  data: { chartId, accountId, code, name, accountType },
});

export const decide = (command: ChartCommand, state: Chart): ChartEvent[] => {
  const accounts = state.status === 'OPEN' ? state.accounts : {};
  switch (command.type) {
    case 'SeedChart':
      // Seeding is first use: a chart that exists already is left as it is.
      if (state.status !== 'NONE') return [];
      return command.accounts.map((a) => opened(command.chartId, a.accountId, a.code, a.name, a.accountType));
    case 'OpenAccount': {
      const code = command.code.trim();
      if (!CODE.test(code))
        throw new LedgerError(
          LedgerErrorCode.InvalidAccountCode,
          `"${command.code}" is not an account code: use up to 20 letters, digits, dots or dashes, such as 6100`,
        );
      const name = LedgerError.requiredText(command.name, LedgerErrorCode.NameRequired, 'An account needs a name');
      if (!ACCOUNT_TYPES.includes(command.accountType as AccountType))
        throw new LedgerError(LedgerErrorCode.InvalidAccountType, `"${command.accountType}" is not an account type; use one of ${ACCOUNT_TYPES.join(', ')}`);
      const taken = accounts[code];
      if (taken) throw new LedgerError(LedgerErrorCode.AccountCodeTaken, `Account code ${code} is already used by "${taken.name}"; choose another code`);
      if (Object.keys(accounts).length >= MAX_ACCOUNTS)
        throw new LedgerError(LedgerErrorCode.TooManyAccounts, `The chart of accounts already has ${MAX_ACCOUNTS} accounts, the most it takes`);
      return [opened(command.chartId, command.accountId, code, name, command.accountType as AccountType)];
    }
    case 'CloseAccount': {
      const account = accounts[command.code];
      if (!account) throw new LedgerError(LedgerErrorCode.UnknownAccount, `There is no account ${command.code} in the chart of accounts`);
      if (!account.open) throw new LedgerError(LedgerErrorCode.AccountAlreadyClosed, `Account ${command.code} (${account.name}) is already closed`);
      if (CONTROL_ACCOUNTS.includes(command.code))
        throw new LedgerError(
          LedgerErrorCode.ControlAccount,
          `Account ${command.code} (${account.name}) receives the automatic invoice and payment postings and cannot be closed`,
        );
      return [{ type: 'AccountClosed', data: { chartId: command.chartId, accountId: account.accountId, code: account.code } }];
    }
    case 'LockPeriod': {
      if (!isValidDate(command.through)) throw new LedgerError(LedgerErrorCode.InvalidDate, `"${command.through}" is not a date such as 2026-03-31`);
      const previous = state.status === 'OPEN' ? state.lockedThrough : null;
      if (previous && command.through <= previous)
        throw new LedgerError(LedgerErrorCode.PeriodLockBackwards, `The books are already locked through ${previous}; a lock only moves forwards`);
      if (command.through >= command.today)
        throw new LedgerError(LedgerErrorCode.PeriodLockInFuture, `Only a period that has ended can be locked: choose a date before ${command.today}`);
      return [{ type: 'PeriodLocked', data: { chartId: command.chartId, through: command.through, previous } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (state: Chart, event: ChartEvent): Chart => {
  const current = state.status === 'OPEN' ? state : { status: 'OPEN' as const, chartId: event.data.chartId, accounts: {}, lockedThrough: null };
  switch (event.type) {
    case 'AccountOpened': {
      const { accountId, code, name, accountType } = event.data;
      return { ...current, accounts: { ...current.accounts, [code]: { accountId, code, name, accountType, open: true } } };
    }
    case 'AccountClosed': {
      const account = current.accounts[event.data.code];
      return account ? { ...current, accounts: { ...current.accounts, [account.code]: { ...account, open: false } } } : current;
    }
    case 'PeriodLocked':
      return { ...current, lockedThrough: event.data.through };
    default:
      return assertNever(event);
  }
};

export const chartDecider = recordDecider<Chart, ChartCommand, ChartEvent>({ events: chartEvents, decide, evolve });

export const seedChartCommand = (tenantId: string): SeedChart => ({
  type: 'SeedChart',
  chartId: chartIdFor(tenantId),
  accounts: DEFAULT_ACCOUNTS.map((a) => ({ ...a, accountId: accountIdFor(tenantId, a.code) })),
});
