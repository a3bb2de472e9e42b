import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app';
import { AppConfig } from '../../src/config';
import { createTestDatabase } from './postgres';

export interface TestApp {
  url: string;
  app: NestFastifyApplication;
  databaseUrl: string;
  close(): Promise<void>;
  /** POST /graphql; returns the parsed body (data and errors) and the HTTP status. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; data: T; errors?: any[] }>;
  login(email: string, password?: string): Promise<string>;
  /** Headers of the platform operator (OPERATOR_TOKEN): rebuild, replay, retry, every tenant's status. */
  operator: Record<string, string>;
}

export const TEST_JWT_SECRET = 'test-secret-of-at-least-32-bytes-for-hs256';
export const TEST_OPERATOR_TOKEN = 'test-operator-token-of-at-least-32-bytes';

/**
 * The whole app, listening on a free port, on a fresh database with the demo tenants seeded. Given a
 * `databaseUrl` (another test app's), it is one more instance on that database: nothing seeded, and
 * the database is left to its owner when this instance closes.
 */
export const startTestApp = async (overrides: Partial<AppConfig> = {}): Promise<TestApp> => {
  const shared = overrides.databaseUrl;
  const database = shared ? { url: shared, drop: async () => undefined } : await createTestDatabase('app');
  const dataDir = mkdtempSync(join(tmpdir(), 'annals-app-'));
  const config: AppConfig = {
    databaseUrl: database.url,
    dataDir,
    jwtSecret: TEST_JWT_SECRET,
    operatorToken: TEST_OPERATOR_TOKEN,
    port: 0,
    demoPassword: 'demo',
    seedDemo: !shared,
    ...overrides,
  };
  const app = await createApp(config, { logger: ['error'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const graphql: TestApp['graphql'] = async (query, variables, headers = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as any;
    return { status: response.status, data: body.data, errors: body.errors };
  };

  return {
    url,
    app,
    databaseUrl: database.url,
    graphql,
    operator: { authorization: `Bearer ${overrides.operatorToken ?? TEST_OPERATOR_TOKEN}` },
    login: async (email, password = 'demo') => {
      const result = await graphql(
        `
          mutation ($email: String!, $password: String!) {
            login(email: $email, password: $password) {
              token
            }
          }
        `,
        {
          email,
          password,
        },
      );
      if (!result.data?.login) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token;
    },
    close: async () => {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
