import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app';
import { Notifier } from '../src/notifications/application/notifier';
import { startTestApp, TEST_JWT_SECRET, TestApp } from './support/app';
import { eventually } from './support/smtp';
import { inbox, signIn, signInAgain, Staff, subscribe, TestClock } from './support/notifications';

const LOG_TASK = `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id } }`;
const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id ownerId } }`;

const webhookDisabled = (tenantid: string) => ({
  specversion: '1.0' as const,
  id: randomUUID(),
  source: '/annals/webhooks',
  type: 'webhooks.endpoint.disabled.v1',
  subject: randomUUID(),
  time: new Date().toISOString(),
  datacontenttype: 'application/json' as const,
  tenantid,
  data: {
    endpointId: randomUUID(),
    url: 'https://partner.example/hooks',
    reason: 'No successful delivery for 24 hours',
    automatic: true,
    at: new Date().toISOString(),
  },
});

describe('notifications live: GraphQL subscription over graphql-ws, across two app instances; tasks due in the morning', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let secondUrl: string;
  let secondData: string;
  const clock = new TestClock();
  let admin: Staff, sales: Staff, globexAdmin: Staff;
  const open: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock, notificationTickMs: 100 });
    // A second instance on the same database: it runs no processor while the first holds the leases.
    secondData = mkdtempSync(join(tmpdir(), 'annals-second-'));
    second = await createApp(
      { databaseUrl: t.databaseUrl, dataDir: secondData, jwtSecret: TEST_JWT_SECRET, port: 0, demoPassword: 'demo', seedDemo: false, clock },
      { logger: ['error'] },
    );
    await second.listen({ port: 0, host: '127.0.0.1' });
    const address = second.getHttpServer().address();
    secondUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    [admin, sales, globexAdmin] = await Promise.all(['admin@acme.test', 'sales@acme.test', 'admin@globex.test'].map((email) => signIn(t, email)));
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await second?.close();
    await t?.close();
    rmSync(secondData, { recursive: true, force: true });
  });

  const connect = async (url: string, token: string | null) => {
    const s = subscribe(url, token);
    open.push(s);
    if (token) {
      await eventually(() => s.acknowledged(), 10_000, 'the connection ack');
      // The subscribe message follows the ack on the same socket; give the server a moment to register it.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return s;
  };

  it('pushes a notification to its recipient within a second, on another instance, and to nobody of another tenant', async () => {
    const mine = await connect(secondUrl, admin.token);
    const colleague = await connect(t.url, sales.token);
    const foreign = await connect(secondUrl, globexAdmin.token);
    const event = webhookDisabled('acme');
    const sent = Date.now();
    await t.app.get(Notifier).handle([event]);
    const got = await eventually(() => mine.received.find((r) => r.notification.link.includes(event.data.endpointId)), 5_000, 'the pushed notification');
    expect(got.at - sent).toBeLessThan(1000);
    expect(got.notification).toMatchObject({
      type: 'webhook.endpoint_disabled',
      title: 'Webhook endpoint disabled: https://partner.example/hooks',
      link: `/admin/#/webhookEndpoints/${event.data.endpointId}/show`,
    });
    expect(got.notification.body).toBe('annals stopped sending to it: No successful delivery for 24 hours. Fix the receiver, then enable the endpoint again.');
    const pushed = (await inbox(t, admin)).items.find((n) => n.id === got.notification.id);
    expect(pushed).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(colleague.received).toEqual([]);
    expect(foreign.received).toEqual([]);
    expect((await inbox(t, globexAdmin)).items.some((n) => n.id === got.notification.id)).toBe(false);
    // No SMTP_URL here: the email (on by default for this type) is kept in the outbox for admins to read.
    const outbox = (await t.graphql(`{ outbox { items { kind to subject status text } } }`, {}, admin.headers)).data.outbox;
    expect(outbox.items).toContainEqual(
      expect.objectContaining({ kind: 'notification', to: 'admin@acme.test', status: 'KEPT', subject: got.notification.title }),
    );
  });

  it('counts and lists per tenant and per user', async () => {
    await t.app.get(Notifier).handle([webhookDisabled('globex')]);
    const acme = await inbox(t, admin);
    const globex = await inbox(t, globexAdmin);
    expect(new Set(acme.items.map((n) => n.id)).size).toBe(acme.items.length);
    expect(acme.items.some((a) => globex.items.some((g) => g.id === a.id))).toBe(false);
    expect(globex.unread).toBe(globex.items.filter((n) => !n.readAt).length);
    expect((await inbox(t, sales)).total).toBe(0);
  });

  it('refuses a subscription without a token, or with a forged one', async () => {
    const anonymous = await connect(t.url, null);
    const refusal = await eventually(() => anonymous.errors[0] as any, 10_000, 'the refusal');
    expect(refusal[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(refusal[0].message).toContain('Sign in first');
    const forged = subscribe(t.url, 'eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJhY21lIn0.x');
    open.push(forged);
    const error = await eventually(() => forged.errors[0] as any, 10_000, 'the refusal of a forged token');
    expect(error[0]).toMatchObject({ message: 'The token is not valid; sign in again', extensions: { code: 'UNAUTHENTICATED' } });
    expect(forged.received).toEqual([]);
  });

  it('tells the owner on the morning of a task due tomorrow, not before, and not once it is done', async () => {
    const lead = (
      await t.graphql(CAPTURE, { input: { name: 'Ada Lovelace', email: `ada.${randomUUID()}@example.com`, company: 'Analytical Engines' } }, sales.headers)
    ).data.captureLead;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const task = async (subject: string) => {
      const result = await t.graphql(LOG_TASK, { input: { subjectType: 'LEAD', subjectId: lead.id, kind: 'TASK', subject, dueOn: tomorrow } }, sales.headers);
      expect(result.errors).toBeUndefined();
      return result.data.logActivity.id as string;
    };
    const open = await task('Send the proposal');
    const done = await task('Book the demo room');
    expect((await t.graphql(`mutation ($id: ID!) { completeTask(id: $id) { id } }`, { id: done }, sales.headers)).errors).toBeUndefined();

    clock.set(new Date(`${tomorrow}T07:59:00Z`));
    await signInAgain(t, sales);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await inbox(t, sales)).items.filter((n) => n.type === 'task.due')).toEqual([]);

    clock.set(new Date(`${tomorrow}T08:00:00Z`));
    const due = await eventually(
      async () => {
        const found = (await inbox(t, sales)).items.filter((n) => n.type === 'task.due');
        return found.length > 0 ? found : undefined;
      },
      15_000,
      'the task.due notification',
    );
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      title: 'Task due today: Send the proposal',
      body: `"Send the proposal" for Ada Lovelace (Analytical Engines) is due today (${tomorrow}) and not done yet.`,
      link: `/admin/#/leads/${lead.id}/show`,
      subjectType: 'TASK',
      subjectId: open,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await inbox(t, sales)).items.filter((n) => n.type === 'task.due')).toHaveLength(1);
    clock.set(new Date());
  });
});
