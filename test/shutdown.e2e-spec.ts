import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, IncomingMessage, ClientRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from './support/postgres';

/**
 * The app as `npm start` runs it, in a process of its own, receiving SIGTERM while requests are in
 * flight: not ready first, new requests refused, the request in flight answered, the one that never
 * finishes cut off after the grace period, then processors and the store stopped, exit code 0.
 */
const ROOT = join(__dirname, '..');
const GRACE_MS = 4_000;

const freePort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
};

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, connection: response.headers.get('connection'), body: await response.text() };
};

/** A POST /graphql whose body is sent in two parts: the request is in flight between them. */
const slowLogin = (port: number) => {
  const body = JSON.stringify({
    query: 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    variables: { email: 'admin@acme.test', password: 'demo' },
  });
  const req: ClientRequest = request({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (response: IncomingMessage) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on('error', reject);
    });
    req.on('error', reject);
  });
  answered.catch(() => undefined);
  req.write(body.slice(0, 40));
  return { answered, finish: () => req.end(body.slice(40)) };
};

jest.setTimeout(180_000);

describe('shutdown on SIGTERM (a real process)', () => {
  let database: TestDatabase;
  let app: ChildProcess;
  let output = '';
  let port: number;
  const dataDir = mkdtempSync(join(tmpdir(), 'annals-shutdown-'));

  beforeAll(async () => {
    database = await createTestDatabase('shutdown');
    port = await freePort();
    app = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        JWT_SECRET: 'shutdown-test-secret-of-at-least-32-bytes',
        SEED_DEMO: 'true',
        PORT: String(port),
        HOST: '127.0.0.1',
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
        KAFKA_BROKERS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (chunk) => (output += chunk));
    app.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (app.exitCode !== null) throw new Error(`the app exited at start:\n${output}`);
      const ready = await get(`http://127.0.0.1:${port}/health/ready`).catch(() => null);
      if (ready?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`the app did not get ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(async () => {
    if (app && app.exitCode === null) {
      app.kill('SIGKILL');
      await once(app, 'exit');
    }
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says not ready, refuses new requests, finishes the one in flight, cuts off the stuck one after the grace period, then stops', async () => {
    expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect((await get(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    const inFlight = slowLogin(port);
    const stuck = slowLogin(port);
    await new Promise((resolve) => setTimeout(resolve, 500)); // both are past their headers
    const exited = once(app, 'exit');
    const signalled = Date.now();
    app.kill('SIGTERM');

    // Not ready at once, while still answering: a load balancer takes the instance out.
    const deadline = Date.now() + 10_000;
    while ((await get(`http://127.0.0.1:${port}/health/ready`)).status !== 503 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await get(`http://127.0.0.1:${port}/health/ready`)).status).toBe(503);
    expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(503);
    expect((await get(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    // A new request is refused, and told to go elsewhere.
    const refused = await get(`http://127.0.0.1:${port}/graphql?query=%7Bme%7Bemail%7D%7D`);
    expect(refused.status).toBe(503);
    expect(refused.connection).toBe('close');
    expect(refused.body).toContain('shutting down');

    // The request in flight finishes, with the database still there.
    inFlight.finish();
    const answer = await inFlight.answered;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.login.token).toEqual(expect.any(String));

    // The stuck one holds the stop up to the grace period only; then the processors and the store stop.
    const [code] = await exited;
    const took = Date.now() - signalled;
    expect(code).toBe(0);
    expect(took).toBeGreaterThanOrEqual(GRACE_MS - 500);
    expect(took).toBeLessThan(GRACE_MS + 30_000);
    await expect(stuck.answered).rejects.toThrow();
    const steps = ['SIGTERM received', 'waiting for 2 in flight', '1 request(s) still in flight after the grace period', 'Stopped cleanly'];
    const at = steps.map((step) => output.indexOf(step));
    expect(at.every((index) => index >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});
