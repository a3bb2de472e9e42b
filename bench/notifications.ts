/**
 * Notification latency: 50 staff connected to `notificationAdded` over graphql-ws (real WebSocket
 * clients), the app in its own process; an admin assigns leads to them one after another (one
 * command in flight: a latency at a rate the notifier keeps up with, not a saturation test). Each sample is the time from the event's append (its `recordedAt`, which a
 * notification's `createdAt` is) to the subscription message reaching its recipient: the integration
 * source, the notifier, the NOTIFY and the WebSocket. Every recipient must get exactly its own.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startServer } from './commands';
import { log, summarize } from './lib/stats';

const USERS = 50;
const LEADS = 20;
const IN_FLIGHT = 1;
/** Strong enough for the password policy (12 characters, not guessable). */
const PASSWORD = 'bench staple horse battery 42';

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

const login = async (url: string, email: string) =>
  (await post(url, `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`, { email, password: 'demo' })).login
    .token as string;

export const benchNotifications = async (databaseUrl: string, samples = Number(process.env.NOTIFY_SAMPLES ?? 400)): Promise<Record<string, number>> => {
  const server = await startServer(databaseUrl, [], `${__dirname}/..`);
  const sockets: WsClient[] = [];
  try {
    // 50 sales users of the demo tenant, invited by its admin; each accepted invitation is a session.
    const admin = await login(server.url, 'admin@acme.test');
    const users: { id: string; email: string; token: string }[] = [];
    for (let i = 0; i < USERS; i++) {
      const email = `bench.sales.${i}.${randomUUID().slice(0, 8)}@acme.test`;
      const { inviteUser } = await post(
        server.url,
        `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { invitationUrl user { id } } }`,
        { input: { email, name: `Bench sales ${i}`, role: 'sales' } },
        admin,
      );
      const token = (inviteUser.invitationUrl as string).split('/').pop();
      const { acceptInvitation } = await post(
        server.url,
        `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { token } }`,
        { token, password: PASSWORD },
      );
      users.push({ id: inviteUser.user.id, email, token: acceptInvitation.token });
    }

    const latencies: number[] = [];
    const expected = new Map<string, string[]>();
    const received = new Map<string, number>();
    let misdelivered = 0;
    let acknowledged = 0;
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/graphql`;
    for (const user of users) {
      const socket = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${user.token}` },
        lazy: false,
        retryAttempts: 0,
        on: { connected: () => acknowledged++ },
      });
      socket.subscribe(
        { query: 'subscription { notificationAdded { id link createdAt } }' },
        {
          next: ({ data }) => {
            const n = (data as { notificationAdded: { link: string; createdAt: string } }).notificationAdded;
            latencies.push(Date.now() - Date.parse(n.createdAt));
            received.set(user.id, (received.get(user.id) ?? 0) + 1);
            if (!expected.get(n.link)?.includes(user.id)) misdelivered++;
          },
          error: (error) => log(`subscription error: ${JSON.stringify(error)}`),
          complete: () => undefined,
        },
      );
      sockets.push(socket);
    }
    while (acknowledged < USERS) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 500));

    const leads: string[] = [];
    for (let i = 0; i < LEADS; i++)
      leads.push(
        (
          await post(
            server.url,
            `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`,
            { input: { name: `Bench lead ${i}`, email: `lead.${i}.${randomUUID()}@bench.example` } },
            admin,
          )
        ).captureLead.id,
      );
    const warmup = 20;
    const total = samples + warmup;
    let next = 0;
    const assign = async () => {
      while (next < total) {
        const k = next++;
        const lead = leads[k % LEADS];
        // Round-robin over users, never the lead's current owner: each assignment is a change.
        const owner = users[k % USERS];
        const link = `/admin/#/leads/${lead}/show`;
        expected.set(link, [...(expected.get(link) ?? []), owner.id]);
        await post(
          server.url,
          `mutation ($id: ID!, $ownerId: ID!) { assignLeadOwner(id: $id, ownerId: $ownerId) { id } }`,
          { id: lead, ownerId: owner.id },
          admin,
        );
        if (k === warmup - 1) latencies.length = 0;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, assign));
    const deadline = Date.now() + 15_000;
    const count = () => [...received.values()].reduce((a, b) => a + b, 0);
    while (count() < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    if (count() < total) throw new Error(`only ${count()} of ${total} notifications reached their recipients`);
    if (misdelivered > 0) throw new Error(`${misdelivered} notifications reached someone else`);
    const stats = summarize(latencies.slice(-samples));
    log(
      `notifications: ${samples} samples to ${USERS} connected users, p50 ${stats.p50.toFixed(1)} ms, p99 ${stats.p99.toFixed(1)} ms, max ${stats.max.toFixed(1)} ms`,
    );
    return { notification_latency_p50_ms: stats.p50, notification_latency_p99_ms: stats.p99, notification_latency_max_ms: stats.max };
  } finally {
    for (const socket of sockets) void socket.dispose();
    await server.stop();
  }
};
