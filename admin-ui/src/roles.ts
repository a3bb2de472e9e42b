import { usePermissions } from 'react-admin';

/** Who may run which commands (the server decides; the UI only leaves out what would be refused). */
export const SELLERS = ['admin', 'sales'] as const;
export const BILLERS = ['admin', 'accountant'] as const;

/** Whether the signed-in user's role is one of these; false while the role is still loading. */
export const useHasRole = (roles?: readonly string[]) => {
  const { permissions } = usePermissions<string>();
  return !roles || (typeof permissions === 'string' && roles.includes(permissions));
};
