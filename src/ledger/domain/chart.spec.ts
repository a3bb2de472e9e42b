import { deciderSpec, itRefuses } from '../../shared/domain/decider-spec';
import { fold } from '../../shared/domain/decider';
import { chartDecider, chartIdFor, accountIdFor, seedChartCommand, DEFAULT_ACCOUNTS, MAX_ACCOUNTS } from './chart';
import { ChartEvent } from './chart.events';

const given = deciderSpec(chartDecider);
const tenantId = 'acme';
const chartId = chartIdFor(tenantId);
const seeded: ChartEvent[] = DEFAULT_ACCOUNTS.map((a) => ({
  type: 'AccountOpened',
  data: { chartId, accountId: accountIdFor(tenantId, a.code), code: a.code, name: a.name, accountType: a.accountType },
}));
const openRent = { type: 'OpenAccount' as const, chartId, accountId: accountIdFor(tenantId, '6100'), code: ' 6100 ', name: ' Rent ', accountType: 'EXPENSE' };
const rentOpened: ChartEvent = {
  type: 'AccountOpened',
  data: { chartId, accountId: accountIdFor(tenantId, '6100'), code: '6100', name: 'Rent', accountType: 'EXPENSE' },
};
const rentClosed: ChartEvent = { type: 'AccountClosed', data: { chartId, accountId: accountIdFor(tenantId, '6100'), code: '6100' } };
const lockedJan: ChartEvent = { type: 'PeriodLocked', data: { chartId, through: '2026-01-31', previous: null } };

describe('Chart of accounts', () => {
  describe('seeding', () => {
    it('opens the seven standard accounts on first use', () => given([]).when(seedChartCommand(tenantId)).then(seeded));
    it('seeds once: a chart that exists is left alone', () => given(seeded).when(seedChartCommand(tenantId)).then([]));
    it('gives each tenant its own chart and account ids', () => {
      expect(chartIdFor('acme')).not.toBe(chartIdFor('globex'));
      expect(accountIdFor('acme', '1000')).not.toBe(accountIdFor('globex', '1000'));
    });
  });

  describe('openAccount', () => {
    it('opens an account, trimming code and name', () => given(seeded).when(openRent).then([rentOpened]));
    it('refuses a code already in use', () =>
      given(seeded)
        .when({ ...openRent, code: '1000' })
        .thenThrows('ACCOUNT_CODE_TAKEN'));
    it('refuses a code already in use by a closed account', () =>
      given([...seeded, rentOpened, rentClosed])
        .when(openRent)
        .thenThrows('ACCOUNT_CODE_TAKEN'));
    itRefuses(given(seeded).when, openRent, [
      ['refuses an unknown type', { accountType: 'INCOME' }, 'INVALID_ACCOUNT_TYPE'],
      ['refuses a blank name', { name: ' ' }, 'NAME_REQUIRED'],
      ['refuses a code with spaces inside', { code: '61 00' }, 'INVALID_ACCOUNT_CODE'],
    ]);
  });

  describe('closeAccount', () => {
    it('closes an open account', () =>
      given([...seeded, rentOpened])
        .when({ type: 'CloseAccount', chartId, code: '6100' })
        .then([rentClosed]));
    it('refuses an unknown account', () => given(seeded).when({ type: 'CloseAccount', chartId, code: '9999' }).thenThrows('UNKNOWN_ACCOUNT'));
    it('closes only once', () =>
      given([...seeded, rentOpened, rentClosed])
        .when({ type: 'CloseAccount', chartId, code: '6100' })
        .thenThrows('ACCOUNT_ALREADY_CLOSED'));
    it.each(['1000', '1100', '2200', '4000'])('refuses to close control account %s', (code) =>
      given(seeded).when({ type: 'CloseAccount', chartId, code }).thenThrows('CONTROL_ACCOUNT'),
    );
    it('marks the account closed in the state', () => {
      const state = fold(chartDecider, [...seeded, rentOpened, rentClosed]);
      expect(state.status === 'OPEN' && state.accounts['6100'].open).toBe(false);
    });
  });

  describe('lockPeriod', () => {
    const lock = (through: string) => ({ type: 'LockPeriod' as const, chartId, through, today: '2026-11-21' });
    it('locks a past period', () => given(seeded).when(lock('2026-01-31')).then([lockedJan]));
    it('moves the lock forwards', () =>
      given([...seeded, lockedJan])
        .when(lock('2026-02-28'))
        .then([{ type: 'PeriodLocked', data: { chartId, through: '2026-02-28', previous: '2026-01-31' } }]));
    it('never moves it backwards', () =>
      given([...seeded, lockedJan])
        .when(lock('2025-12-31'))
        .thenThrows('PERIOD_LOCK_BACKWARDS'));
    it('refuses the same date again', () =>
      given([...seeded, lockedJan])
        .when(lock('2026-01-31'))
        .thenThrows('PERIOD_LOCK_BACKWARDS'));
    it('refuses a period that has not ended', () => given(seeded).when(lock('2026-11-21')).thenThrows('PERIOD_LOCK_IN_FUTURE'));
    it('refuses a date that does not exist', () => given(seeded).when(lock('2026-02-30')).thenThrows('INVALID_DATE'));
  });

  describe('bounded chart', () => {
    const full: ChartEvent[] = Array.from({ length: MAX_ACCOUNTS }, (_, i) => ({
      type: 'AccountOpened',
      data: { chartId, accountId: accountIdFor(tenantId, `9${i}`), code: `9${i}`, name: `Account ${i}`, accountType: 'EXPENSE' },
    }));
    it(`refuses account ${MAX_ACCOUNTS + 1}`, () => given(full).when(openRent).thenThrows('TOO_MANY_ACCOUNTS'));
  });
});
