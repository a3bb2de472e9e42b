import type { Caller } from '../auth/caller';
import type { Park } from './checkpoint-store';

/**
 * Who may see which parks: the one place that decides. An operator sees every tenant's; a
 * tenant's user (admins included) only its own tenant's, since another tenant's park names its
 * events and errors. The operator is the caller of OPERATOR_TOKEN (src/shared/auth/auth.service.ts).
 */
export const parksVisibleTo = (caller: Caller, parks: readonly Park[]): Park[] => {
  return caller.operator === true ? [...parks] : parks.filter((park) => park.tenantId === caller.tenantId);
};
