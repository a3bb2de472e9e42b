/**
 * Webhooks, end to end, the app in its own process (bench/commands-server.ts) and a receiver on
 * loopback in this one (a sample of its requests verified with `standardwebhooks`):
 * - webhook_deliveries_per_s: 10 endpoints subscribed to every lead captured; EVENTS captured leads
 *   appended straight to the log (64 appends in flight); deliveries received per second, from the
 *   first append to the last of the EVENTS x 10 requests.
 * - webhook_latency_p99_ms: one endpoint; leads appended at 100 events/s for LATENCY_SECONDS; each
 *   sample is the time from the append's call to the request reaching the receiver (the dispatcher,
 *   the delivery log, the worker, signing and HTTP).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { Webhook } from 'standardwebhooks';
import { PostgresEventStore } from '../src/shared/event-store/postgres/postgres-event-store';
import { startServer } from './commands';
import { log, now, summarize } from './lib/stats';

const ENDPOINTS = 10;
const EVENTS = 3000;
const LATENCY_RATE = 100;
const LATENCY_SECONDS = 10;

const post = async (url: string, query: string, variables: Record<string, unknown>, token?: string) => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};

/** The receiver: counts requests, remembers when each event's first request came, verifies every 50th. */
const receiver = async () => {
  const secrets = new Map<string, Webhook>();
  const firstSeen = new Map<string, number>();
  let requests = 0;
  let unverified = 0;
  let waiters: (() => void)[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = now();
      requests++;
      const body = Buffer.concat(chunks).toString('utf8');
      const id = JSON.parse(body).id as string;
      if (!firstSeen.has(id)) firstSeen.set(id, at);
      if (requests % 50 === 0) {
        try {
          secrets.get(request.url ?? '')!.verify(body, request.headers as Record<string, string>);
        } catch {
          unverified++;
        }
      }
      response.writeHead(204).end();
      if (waiters.length > 0) {
        const woken = waiters;
        waiters = [];
        woken.forEach((wake) => wake());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    secrets,
    firstSeen,
    get requests() {
      return requests;
    },
    get unverified() {
      return unverified;
    },
    until: async (condition: () => boolean, timeoutMs: number, what: string) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`webhooks bench: timed out waiting for ${what} (${requests} requests)`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
};

const leadCaptured = (eventId: string) => {
  const leadId = randomUUID();
  return {
    stream: `lead-${leadId}`,
    event: {
      id: eventId,
      type: 'LeadCaptured',
      data: { leadId, name: 'Bench Lead', email: `${leadId}@bench.example`, company: null, phone: null, source: 'bench' },
      metadata: { tenantId: 'acme', actorId: 'bench', correlationId: randomUUID(), causationId: randomUUID() },
    },
  };
};

export const benchWebhooks = async (databaseUrl: string): Promise<Record<string, number | string | null>> => {
  const server = await startServer(databaseUrl, [], `${__dirname}/..`);
  const hooks = await receiver();
  const pool = new Pool({ connectionString: databaseUrl, max: 16 });
  const store = new PostgresEventStore(pool);
  try {
    const token = (await post(server.url, `mutation { login(email: "admin@acme.test", password: "demo") { token } }`, {})).login.token as string;
    const create = async (path: string) => {
      const created = await post(
        server.url,
        `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id } } }`,
        { input: { url: hooks.url(path), eventTypes: ['crm.lead.captured.v1'] } },
        token,
      );
      hooks.secrets.set(path, new Webhook(created.createWebhookEndpoint.secret));
      return created.createWebhookEndpoint.endpoint.id as string;
    };
    const endpoints: string[] = [];
    for (let i = 0; i < ENDPOINTS; i++) endpoints.push(await create(`/bench/${i}`));

    // Throughput.
    const t0 = now();
    const cpu0 = process.cpuUsage();
    let next = 0;
    const append = async () => {
      while (next < EVENTS) {
        next++;
        const { stream, event } = leadCaptured(randomUUID());
        await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
      }
    };
    await Promise.all(Array.from({ length: 64 }, append));
    const appended = now();
    await hooks.until(() => hooks.requests >= EVENTS * ENDPOINTS, 300_000, `${EVENTS * ENDPOINTS} deliveries`);
    const seconds = (now() - t0) / 1000;
    const perSecond = (EVENTS * ENDPOINTS) / seconds;
    const receiverCpu = process.cpuUsage(cpu0);
    log(
      `webhooks: ${EVENTS * ENDPOINTS} deliveries to ${ENDPOINTS} endpoints in ${seconds.toFixed(1)} s: ${Math.round(perSecond)}/s ` +
        `(appends done after ${((appended - t0) / 1000).toFixed(1)} s; this process, appending and receiving, used ${((receiverCpu.user + receiverCpu.system) / 1e6).toFixed(1)} s of CPU)`,
    );

    // Latency at 100 events/s, one endpoint.
    for (const id of endpoints) await post(server.url, `mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id }, token);
    await create('/latency');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = new Map<string, number>();
    const total = LATENCY_RATE * LATENCY_SECONDS;
    const start = now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / LATENCY_RATE;
      const wait = due - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const id = randomUUID();
      const { stream, event } = leadCaptured(id);
      sent.set(id, now());
      void store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
    }
    await hooks.until(() => [...sent.keys()].every((id) => hooks.firstSeen.has(id)), 60_000, 'every latency sample');
    const latencies = [...sent].map(([id, at]) => hooks.firstSeen.get(id)! - at).slice(LATENCY_RATE);
    const stats = summarize(latencies);
    log(
      `webhooks: latency at ${LATENCY_RATE} events/s, append to request received: p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms, max ${stats.max.toFixed(1)} ms`,
    );
    if (hooks.unverified > 0) throw new Error(`${hooks.unverified} sampled webhooks did not verify`);
    return {
      webhook_deliveries_per_s: perSecond,
      webhook_latency_p50_ms: stats.p50,
      webhook_latency_p99_ms: stats.p99,
      webhook_latency_max_ms: stats.max,
    };
  } finally {
    await hooks.close();
    await store.close();
    await pool.end().catch(() => undefined);
    await server.stop();
  }
};
