/** Stand-in used by ./shim.ts only while the real integration schema does not exist yet. */
export const integrationSchemaSql = 'SELECT 1';
