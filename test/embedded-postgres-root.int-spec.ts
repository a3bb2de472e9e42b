import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { EmbeddedPostgresError, packageBinaries, startEmbeddedPostgres } from '../src/shared/database/embedded-postgres';
import { runsAsRoot } from '../src/shared/database/reachable';

/**
 * Run as root, the embedded PostgreSQL runs as the postgres user, which cannot enter a checkout in
 * root's home folder (mode 0700). Here "root's home folder" is a 0700 folder of root's in the
 * temporary folder, holding a copy of the server binaries' package: the server must start anyway
 * (from a copy it can reach), and a data folder inside it must be refused in one sentence.
 */
const asRoot = runsAsRoot() ? describe : describe.skip;
if (!runsAsRoot()) console.log('embedded-postgres-root.int-spec: skipped, it needs root (the postgres user is switched to as root only)');

asRoot('embedded PostgreSQL run as root from a folder the postgres user cannot enter (skipped unless the tests run as root)', () => {
  let home: string;
  let binaries: string;
  const reachableData: string[] = [];

  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'annals-root-home-'));
    chmodSync(home, 0o700);
    cpSync(dirname(packageBinaries()), join(home, 'checkout', 'pkg'), { recursive: true, verbatimSymlinks: true });
    binaries = join(home, 'checkout', 'pkg', 'native');
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    for (const dir of reachableData) rmSync(dir, { recursive: true, force: true });
  });

  it('starts the server from binaries it copies where the postgres user can reach them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'annals-root-data-'));
    reachableData.push(dataDir);
    const server = await startEmbeddedPostgres({ dataDir, binaries, database: 'annals_root' });
    try {
      const client = new Client(server.url);
      await client.connect();
      const { rows } = await client.query('SELECT current_database() AS name, current_setting($1) AS bin', ['data_directory']);
      await client.end();
      expect(rows[0]).toEqual({ name: 'annals_root', bin: join(dataDir, 'pg') });
    } finally {
      await server.stop();
    }
  });

  it('refuses a data folder the postgres user cannot enter, in one sentence that says what to do', async () => {
    const dataDir = join(home, 'checkout', '.data');
    const start = startEmbeddedPostgres({ dataDir, binaries });
    await expect(start).rejects.toThrow(EmbeddedPostgresError);
    await expect(start).rejects.toThrow(
      `DATA_DIR=${dataDir} is not reachable by the postgres user (it cannot enter ${home}); set DATA_DIR to a folder it can enter`,
    );
  });

  it('keeps the default data folder of such a checkout under /var/lib/annals, the same at every start', () => {
    const checkout = join(home, 'checkout');
    mkdirSync(checkout, { recursive: true });
    const cwd = process.cwd();
    process.chdir(checkout);
    try {
      const first = loadConfig({});
      expect(first.dataDir).toMatch(/^\/var\/lib\/annals\/data\/checkout-[0-9a-f]{8}$/);
      expect(first.dataDirNote).toContain(`the postgres user cannot enter ${home}`);
      expect(loadConfig({}).dataDir).toBe(first.dataDir);
      expect(loadConfig({ DATA_DIR: '.data' }).dataDir).toBe(join(checkout, '.data'));
    } finally {
      process.chdir(cwd);
    }
  });
});
