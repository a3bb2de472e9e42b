import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

declare global {
  var __ANNALS_TEST_PG__: ChildProcess | undefined;
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
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'test-postgres-server.ts'), dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, SWC_NODE_PROJECT: join(__dirname, '../../tsconfig.json') },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL for tests exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line).url));
  });
  process.env.ANNALS_TEST_PG_ADMIN_URL = url;
  globalThis.__ANNALS_TEST_PG__ = child;
};
