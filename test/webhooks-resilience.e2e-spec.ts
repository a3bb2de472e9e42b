import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { EVENT_STORE, EventStore } from '../src/shared/event-store/event-store.port';
import { startTestApp, TestApp } from './support/app';
import { createTestDatabase, TestDatabase } from './support/postgres';
import { eventually, TestClock, WebhookReceiver } from './support/webhook-receiver';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id } } }`;
const ENDPOINT = `query ($id: ID!) { webhookEndpoint(id: $id) { status } }`;

/** `count` captured leads of `tenantId`, appended straight to the log (what a busy tenant produces), in parallel. */
const appendLeads = async (store: EventStore, tenantId: string, count: number): Promise<string[]> => {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 50)
    await Promise.all(
      ids.slice(i, i + 50).map((leadId) =>
        store.appendToStream(
          `lead-${leadId}`,
          [
            {
              id: randomUUID(),
              type: 'LeadCaptured',
              data: { leadId, name: 'Load Test', email: `${leadId}@example.com`, company: null, phone: null, source: 'bench' },
              metadata: { tenantId, actorId: 'test', correlationId: randomUUID(), causationId: randomUUID() },
            },
          ],
          { expectedRevision: 'no_stream' },
        ),
      ),
    );
  return ids;
};

/** Each event arrived, and whenever one arrived more than once it carried the same webhook-id. */
const expectEveryEventOnce = (receiver: WebhookReceiver, path: string, subjects: string[]) => {
  const idsByEvent = new Map<string, Set<string>>();
  for (const r of receiver.received.filter((r) => r.path === path)) idsByEvent.set(r.event.id, (idsByEvent.get(r.event.id) ?? new Set()).add(r.id));
  const arrived = new Set(receiver.received.filter((r) => r.path === path).map((r) => r.event.subject));
  expect(subjects.filter((s) => !arrived.has(s))).toEqual([]);
  expect([...idsByEvent.values()].filter((ids) => ids.size !== 1)).toEqual([]);
};

describe('Webhooks: nothing is lost', () => {
  it('a receiver that is down while 1,000 events are appended gets every one once it is back (duplicates only with the same id)', async () => {
    const receiver = await new WebhookReceiver().start();
    const port = receiver.port;
    const clock = new TestClock();
    const t: TestApp = await startTestApp({ clock, webhooks: { allowPrivateNetworks: true, retrySchedule: [0, 1, 1, 1, 1, 1, 1, 1], timeoutMs: 2000 } });
    try {
      const admin = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
      const created = await t.graphql(CREATE, { input: { url: receiver.url('/down'), eventTypes: ['crm.lead.captured.v1'] } }, admin);
      receiver.secrets.push(created.data.createWebhookEndpoint.secret);
      const endpointId = created.data.createWebhookEndpoint.endpoint.id;
      await receiver.stop();
      const subjects = await appendLeads(t.app.get(EVENT_STORE), 'acme', 1000);
      await eventually(
        () => t.graphql(ENDPOINT, { id: endpointId }, admin),
        (r) => r.data.webhookEndpoint.status === 'FAILING',
        30_000,
        'FAILING',
      );
      await receiver.start(port);
      // Time moves on while the retries go out (an attempt that failed just now is due a second later).
      const ticking = setInterval(() => clock.advance(1500), 500);
      try {
        await receiver.until(() => new Set(receiver.received.map((r) => r.event.subject)).size >= 1000, 90_000, 'all 1,000 events');
      } finally {
        clearInterval(ticking);
      }
      expectEveryEventOnce(receiver, '/down', subjects);
      await eventually(
        () => t.graphql(ENDPOINT, { id: endpointId }, admin),
        (r) => r.data.webhookEndpoint.status === 'ACTIVE',
        30_000,
        'recovered',
      );
    } finally {
      await t.close();
      await receiver.stop();
    }
  }, 180_000);

  describe('the app killed with SIGKILL in the middle of deliveries', () => {
    let database: TestDatabase;
    let child: ChildProcess | undefined;
    let output = '';
    const receiver = new WebhookReceiver();

    const freePort = () =>
      new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const { port } = server.address() as { port: number };
          server.close(() => resolve(port));
        });
      });

    const startApp = async (port: number) => {
      const started = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          PORT: String(port),
          JWT_SECRET: 'crash-test-secret-of-at-least-32-bytes',
          SEED_DEMO: 'true',
          WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
          WEBHOOK_RETRY_SCHEDULE: '0,1,1,1,1,1,1,1',
          KAFKA_BROKERS: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.stdout!.on('data', (chunk) => (output += chunk));
      started.stderr!.on('data', (chunk) => (output += chunk));
      child = started;
      await eventually(
        () =>
          fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.status,
            () => 0,
          ),
        (status) => status === 200,
        120_000,
        `the app to start (${output.slice(-2000)})`,
      );
    };

    const graphql = async (port: number, query: string, variables: Record<string, unknown>, token?: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data: any; errors?: unknown[] };
    };

    beforeAll(async () => {
      database = await createTestDatabase('webhooks_crash');
      await receiver.start();
    });
    afterAll(async () => {
      child?.kill('SIGKILL');
      await receiver.stop();
      await database?.drop();
    });

    it('loses nothing: after the restart every event arrives, repeats carrying the same id', async () => {
      const port = await freePort();
      await startApp(port);
      const login = await graphql(
        port,
        `
          mutation {
            login(email: "admin@acme.test", password: "demo") {
              token
            }
          }
        `,
        {},
      );
      const token = login.data.login.token;
      const created = await graphql(port, CREATE, { input: { url: receiver.url('/crash'), eventTypes: ['crm.lead.captured.v1'] } }, token);
      receiver.secrets.push(created.data.createWebhookEndpoint.secret);
      // Slow answers: many deliveries are in flight when the process dies.
      receiver.answer = () => ({ status: 200, delayMs: 150 });
      const leads: string[] = [];
      for (let i = 0; i < 300; i += 20) {
        const batch = await Promise.all(
          Array.from({ length: 20 }, (_, j) =>
            graphql(
              port,
              `
                mutation ($input: CaptureLeadInput!) {
                  captureLead(input: $input) {
                    id
                  }
                }
              `,
              { input: { name: `Crash ${i + j}`, email: `crash${i + j}@example.com` } },
              token,
            ),
          ),
        );
        leads.push(...batch.map((r) => r.data.captureLead.id as string));
      }
      await receiver.until((r) => r.length >= 40, 60_000, 'deliveries under way');
      child!.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      const beforeRestart = new Set(receiver.received.map((r) => r.event.subject)).size;
      expect(beforeRestart).toBeLessThan(300);
      receiver.answer = () => ({ status: 200 });
      await startApp(port);
      await receiver.until((r) => new Set(r.map((x) => x.event.subject)).size >= 300, 90_000, 'every event after the restart');
      expectEveryEventOnce(receiver, '/crash', leads);
      child!.kill('SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
      child = undefined;
    }, 300_000);
  });
});
