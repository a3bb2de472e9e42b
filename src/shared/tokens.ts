export const APP_CONFIG = Symbol('APP_CONFIG');
export const DATABASE = Symbol('DATABASE');
/** The read-model MikroORM (TenantReader's): connections scoped to a tenant as `annals_reader`. */
export const READERS = Symbol('READERS');
