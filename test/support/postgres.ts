import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const adminUrl = (): string => {
  const url = process.env.ANNALS_TEST_PG_ADMIN_URL;
  if (!url) throw new Error('ANNALS_TEST_PG_ADMIN_URL is not set: run the tests through jest (test/support/global-setup.ts)');
  return url;
};

/** A fresh, empty database on the test server, so test files never see each other's rows. */
export const createTestDatabase = async (label = 'test'): Promise<TestDatabase> => {
  const name = `annals_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client(adminUrl());
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client(adminUrl());
      await client.connect();
      // A pool's end() resolves before its clients' sessions have closed: a forced drop meanwhile
      // would terminate them, and the ending clients report it as an error nobody listens to. Wait
      // (briefly) for the file's sessions to go; FORCE then only cuts what a test left open.
      for (let i = 0; i < 40; i++) {
        const { rows } = await client.query('SELECT count(*)::int AS sessions FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].sessions === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
};
