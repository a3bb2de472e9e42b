import { assertNever, recordDecider } from '../../shared/domain/decider';
import { existing } from '../../shared/domain/guards';
import { IdentityError, IdentityErrorCode } from './identity.error';
import { TenantEvent, TenantSettings } from './identity.events';
import { tenantEvents } from './identity.registry';

export type CreateTenant = { type: 'CreateTenant'; tenantId: string } & TenantSettings;
/** Only the settings given change; `invoiced` says whether the tenant has issued an invoice (then its currency is fixed). */
export type UpdateTenantSettings = { type: 'UpdateTenantSettings'; tenantId: string; changes: Partial<TenantSettings>; invoiced: boolean };
export type TenantCommand = CreateTenant | UpdateTenantSettings;

export type Tenant = { status: 'NONE' } | ({ status: 'ACTIVE'; id: string } & TenantSettings);

const CURRENCY = /^[A-Z]{3}$/;

const checked = (settings: TenantSettings): TenantSettings => {
  const name = IdentityError.requiredText(settings.name, IdentityErrorCode.NameRequired, 'A tenant needs a name');
  if (!CURRENCY.test(settings.currency))
    throw new IdentityError(
      IdentityErrorCode.InvalidCurrency,
      `"${settings.currency}" is not an ISO 4217 currency code: use three capital letters such as EUR`,
    );
  if (!Number.isInteger(settings.paymentTermsDays) || settings.paymentTermsDays < 0 || settings.paymentTermsDays > 365)
    throw new IdentityError(IdentityErrorCode.InvalidPaymentTerms, 'paymentTermsDays is a whole number of days from 0 to 365');
  if (!validTimeZone(settings.timeZone))
    throw new IdentityError(IdentityErrorCode.InvalidTimeZone, `"${settings.timeZone}" is not an IANA time zone: use a name such as Europe/Paris or UTC`);
  return { ...settings, name };
};

const validTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length <= 64;
  } catch {
    return false;
  }
};

export const decide = (command: TenantCommand, state: Tenant): TenantEvent[] => {
  switch (command.type) {
    case 'CreateTenant': {
      if (state.status !== 'NONE') throw new IdentityError(IdentityErrorCode.TenantAlreadyExists, `Tenant ${command.tenantId} already exists`);
      const { type: _type, tenantId, ...settings } = command;
      return [{ type: 'TenantCreated', data: { tenantId, ...checked(settings) } }];
    }
    case 'UpdateTenantSettings': {
      const tenant = existing(state, 'tenant', command.tenantId);
      const { status: _status, id, ...current } = tenant;
      const defined = Object.fromEntries(Object.entries(command.changes).filter(([, value]) => value !== undefined && value !== null));
      const next = checked({ ...current, ...defined });
      if (next.currency !== current.currency && command.invoiced)
        throw new IdentityError(
          IdentityErrorCode.CurrencyLocked,
          `The currency stays ${current.currency}: invoices were issued in it. A tenant's currency can change only before its first invoice`,
        );
      const same = (Object.keys(next) as (keyof TenantSettings)[]).every((key) => next[key] === current[key]);
      return same ? [] : [{ type: 'TenantSettingsUpdated', data: { tenantId: id, ...next } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (_state: Tenant, event: TenantEvent): Tenant => {
  const { tenantId, ...settings } = event.data;
  return { status: 'ACTIVE', id: tenantId, ...settings };
};

export const tenantDecider = recordDecider<Exclude<Tenant, { status: 'NONE' }>, TenantCommand, TenantEvent>({ events: tenantEvents, decide, evolve });
