/** The roles a user or API key acts with (the same names the API's role checks use, src/shared/auth/caller.ts). */
export type Role = 'admin' | 'sales' | 'accountant' | 'auditor';

export const ROLES: readonly Role[] = ['admin', 'sales', 'accountant', 'auditor'];
