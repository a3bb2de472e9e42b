import { readModelEntities } from '../projections';
import { migrations } from '../projections/migrations';
import { Database, DatabaseSchema, migrate, openDatabase as openWith } from './shared/database/database';

export type { Database };
export { migrate };

/** The app's schema: its read-model entities and its migrations, for shared/'s database. */
export const appSchema: DatabaseSchema = { entities: readModelEntities, migrations };

/** The app's database outside the Nest app (scripts, benches, tests). */
export const openDatabase = (url: string, options: { poolSize?: number } = {}): Promise<Database> => openWith(url, { ...appSchema, ...options });
