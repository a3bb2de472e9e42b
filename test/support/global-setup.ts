import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, EmbeddedPostgresHandle } from '../../src/shared/database/embedded-postgres';

declare global {
  // eslint-disable-next-line no-var
  var __ANNALS_TEST_PG__: { handle?: EmbeddedPostgresHandle; dir?: string } | undefined;
}

/**
 * One PostgreSQL server for the whole run: the embedded one, unless DATABASE_URL names another.
 * Each test file makes its own database on it (test/support/postgres.ts).
 */
export default async (): Promise<void> => {
  if (process.env.DATABASE_URL) {
    process.env.ANNALS_TEST_PG_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'annals-test-'));
  const handle = await startEmbeddedPostgres({ dataDir: dir, database: 'postgres' });
  process.env.ANNALS_TEST_PG_ADMIN_URL = handle.url;
  globalThis.__ANNALS_TEST_PG__ = { handle, dir };
};
