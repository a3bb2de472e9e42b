import { Pool } from 'pg';
import { deliveriesOfEvents } from '../src/webhooks/public/webhook-deliveries';
import { startTestApp, TestApp } from './support/app';
import { eventually, TestClock, WebhookReceiver } from './support/webhook-receiver';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id status createdAt } } }`;
const DELIVERIES = `query ($filter: WebhookDeliveryFilter) { webhookDeliveries(filter: $filter, perPage: 500) { total items { id eventId eventType status attemptCount payload attempts { statusCode } } } }`;
const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`;
const QUALIFY = `mutation ($id: ID!) { qualifyLead(id: $id) { id } }`;
const REPLAY = `mutation ($id: ID!, $from: LogPointInput!, $to: LogPointInput) { replayWebhookEndpoint(id: $id, from: $from, to: $to) { deliveries } }`;

describe('Webhooks: order, history, replay, rotation and who may do what (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let auditor: Record<string, string>;
  let sales: Record<string, string>;
  const clock = new TestClock();
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ clock, webhooks: { allowPrivateNetworks: true, retrySchedule: [0, 1, 1, 1, 1, 1], timeoutMs: 2000 } });
    admin = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
    auditor = { authorization: `Bearer ${await t.login('auditor@acme.test')}` };
    sales = { authorization: `Bearer ${await t.login('sales@acme.test')}` };
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  const ok = <T>(result: { data: T; errors?: unknown[] }): T => {
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  let paths = 0;
  const create = async (input: Record<string, unknown> = {}) => {
    const path = `/history/${++paths}`;
    const data = ok(await t.graphql(CREATE, { input: { url: receiver.url(path), eventTypes: ['crm.lead.*'], ...input } }, admin));
    receiver.secrets.push(data.createWebhookEndpoint.secret);
    return { ...data.createWebhookEndpoint, path };
  };
  const capture = async () =>
    ok(await t.graphql(CAPTURE, { input: { name: 'Grace Hopper', email: `grace.${Math.random().toString(36).slice(2)}@example.com` } }, admin)).captureLead
      .id as string;
  const qualify = async (id: string) => ok(await t.graphql(QUALIFY, { id }, admin));
  const at = (path: string) => receiver.received.filter((r) => r.path === path);
  const deliveries = async (filter: Record<string, unknown>) => ok(await t.graphql(DELIVERIES, { filter }, admin)).webhookDeliveries;
  const remove = (id: string) => t.graphql(`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id }, admin);

  it('orderedBySubject: a later event about a record waits until the earlier one is delivered; other records go on', async () => {
    const { endpoint, path } = await create({ orderedBySubject: true });
    const lead = await capture();
    let failFirst = true;
    receiver.answer = (r) => {
      if (r.path === path && r.event.subject === lead && r.event.type === 'crm.lead.captured.v1' && failFirst) return { status: 500 };
      return { status: 200 };
    };
    await qualify(lead);
    const other = await capture();
    await receiver.until(() => at(path).some((r) => r.event.subject === other), 30_000, 'the other lead');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      at(path)
        .filter((r) => r.event.subject === lead)
        .map((r) => r.event.type),
    ).toEqual(['crm.lead.captured.v1']);
    failFirst = false;
    clock.advance(1500);
    await receiver.until(() => at(path).some((r) => r.event.subject === lead && r.event.type === 'crm.lead.qualified.v1'), 30_000, 'the qualified lead');
    expect(
      at(path)
        .filter((r) => r.event.subject === lead)
        .map((r) => `${r.event.type}`),
    ).toEqual(['crm.lead.captured.v1', 'crm.lead.captured.v1', 'crm.lead.qualified.v1']);
    await remove(endpoint.id);
  });

  it('backfillFrom delivers the history since then, in order, before live events; replay sends it again with the original ids', async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const from = new Date();
    const earlier = [await capture(), await capture(), await capture()];
    await qualify(earlier[0]);
    const { endpoint, path } = await create({ backfillFrom: from.toISOString() });
    const live = await capture();
    await receiver.until(() => at(path).some((r) => r.event.subject === live), 30_000, 'the live event');
    const subjects = at(path).map((r) => `${r.event.type}:${r.event.subject}`);
    expect(subjects).toEqual([
      `crm.lead.captured.v1:${earlier[0]}`,
      `crm.lead.captured.v1:${earlier[1]}`,
      `crm.lead.captured.v1:${earlier[2]}`,
      `crm.lead.qualified.v1:${earlier[0]}`,
      `crm.lead.captured.v1:${live}`,
    ]);
    await eventually(
      () => deliveries({ endpointId: endpoint.id }),
      (d) => d.items.every((i: { status: string }) => i.status === 'SUCCEEDED'),
      10_000,
      'all delivered',
    );
    const first = new Map(at(path).map((r) => [r.event.id, { id: r.id, body: r.body }]));
    // What the audit view reads: the deliveries these events caused, in this tenant only.
    const pool = new Pool({ connectionString: t.databaseUrl, max: 1 });
    try {
      const caused = await deliveriesOfEvents(pool, 'acme', [...first.keys()]);
      expect(
        caused
          .filter((d) => d.endpointId === endpoint.id)
          .map((d) => d.id)
          .sort(),
      ).toEqual([...first.values()].map((f) => f.id).sort());
      expect(await deliveriesOfEvents(pool, 'globex', [...first.keys()])).toEqual([]);
    } finally {
      await pool.end();
    }
    // ... and the audit thread of the live lead's capture shows the delivery it caused, beside the event.
    const log = ok(
      await t.graphql(`query ($id: String) { auditLog(filter: { entityId: $id }) { items { correlationId type } } }`, { id: live }, admin),
    ).auditLog;
    const thread = ok(
      await t.graphql(`query ($id: String!) { auditThread(correlationId: $id) { kind type causationId summary } }`, { id: log.items[0].correlationId }, admin),
    ).auditThread;
    const liveEventId = at(path).find((r) => r.event.subject === live)!.event.id;
    expect(thread).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'event', type: 'LeadCaptured' }),
        expect.objectContaining({
          kind: 'webhook_delivery',
          type: 'webhook succeeded',
          causationId: liveEventId,
          summary: expect.stringContaining(endpoint.id),
        }),
      ]),
    );

    const replayed = ok(await t.graphql(REPLAY, { id: endpoint.id, from: { time: from.toISOString() } }, admin)).replayWebhookEndpoint;
    expect(replayed.deliveries).toBe(5);
    await receiver.until(() => at(path).length >= 10, 30_000, 'the replay');
    for (const again of at(path).slice(5)) expect(first.get(again.event.id)).toEqual({ id: again.id, body: again.body });

    // By position: only the live event's.
    const [{ position }] = ok(await t.graphql(`query ($id: ID!) { history(entity: "lead", id: $id) { position } }`, { id: live }, admin)).history;
    expect(ok(await t.graphql(REPLAY, { id: endpoint.id, from: { position }, to: { position } }, admin)).replayWebhookEndpoint.deliveries).toBe(1);
    await receiver.until(() => at(path).length >= 11, 30_000, 'the replay by position');
    expect(at(path)[10].id).toBe(first.get(at(path)[10].event.id)!.id);
    await remove(endpoint.id);
  });

  it('resends one delivery now with the same id, and sends a test built from the schema, marked as a test', async () => {
    const { endpoint, path } = await create({ eventTypes: ['crm.lead.captured.v1'] });
    await capture();
    await receiver.until(() => at(path).length >= 1, 30_000, 'the first delivery');
    const [delivery] = (
      await eventually(
        () => deliveries({ endpointId: endpoint.id }),
        (d) => d.items[0]?.status === 'SUCCEEDED',
        10_000,
        'SUCCEEDED',
      )
    ).items;
    ok(await t.graphql(`mutation ($id: ID!) { resendWebhookDelivery(id: $id) { id } }`, { id: delivery.id }, admin));
    await receiver.until(() => at(path).length >= 2, 30_000, 'the resend');
    expect(at(path)[1].id).toBe(delivery.id);

    const test = ok(
      await t.graphql(
        `mutation ($id: ID!) { sendTestWebhook(endpointId: $id, eventType: "crm.client.registered.v1") { id eventType } }`,
        { id: endpoint.id },
        admin,
      ),
    );
    await receiver.until(() => at(path).length >= 3, 30_000, 'the test webhook');
    expect(at(path)[2]).toMatchObject({ id: test.sendTestWebhook.id, event: { type: 'crm.client.registered.v1', test: true, tenantid: 'acme' } });
    // A test event happens "now" by the app's clock (the test's holds still), like the schedule it is sent on.
    expect(at(path)[2].event.time).toBe(clock.now().toISOString());
    expect(Object.keys(at(path)[2].event.data).sort()).toEqual(['clientId', 'company', 'email', 'leadId', 'name']);
    const unknown = await t.graphql(`mutation ($id: ID!) { sendTestWebhook(endpointId: $id, eventType: "crm.nope.v1") { id } }`, { id: endpoint.id }, admin);
    expect(unknown.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    await remove(endpoint.id);
  });

  it('lets auditors read and only admins change; the log says who changed an endpoint; bad input is refused whole', async () => {
    const { endpoint } = await create();
    expect(ok(await t.graphql(`{ webhookEndpoints { total items { id } } }`, {}, auditor)).webhookEndpoints.total).toBeGreaterThan(0);
    const refused = await t.graphql(`mutation ($id: ID!) { disableWebhookEndpoint(id: $id) { id } }`, { id: endpoint.id }, auditor);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.graphql(`{ webhookDeliveries { total } }`, {}, sales)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    ok(
      await t.graphql(
        `mutation ($id: ID!) { updateWebhookEndpoint(id: $id, input: { description: "renamed", rateLimitPerSecond: 5 }) { id } }`,
        { id: endpoint.id },
        admin,
      ),
    );
    const history = ok(await t.graphql(`query ($id: ID!) { history(entity: "webhookEndpoint", id: $id) { type metadata } }`, { id: endpoint.id }, admin));
    expect(history.history.map((e: { type: string }) => e.type)).toEqual(['WebhookEndpointCreated', 'WebhookEndpointUpdated']);
    expect(history.history[1].metadata).toMatchObject({ tenantId: 'acme', actorKind: 'user' });
    expect(JSON.stringify(history.history)).not.toContain('whsec_');
    const bad = await t.graphql(CREATE, { input: { url: 'ftp://example.com', eventTypes: ['crm.nothing.*'] } }, admin);
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const typo = await t.graphql(CREATE, { input: { url: receiver.url('/x'), eventTypes: ['crm.nothing.*'] } }, admin);
    expect(typo.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('crm.nothing.*') });
    await remove(endpoint.id);
    expect(ok(await t.graphql(`query ($id: ID!) { webhookEndpoint(id: $id) { id } }`, { id: endpoint.id }, admin)).webhookEndpoint).toBeNull();
  });

  it('rotates a secret: both signatures verify for 24 hours, then only the new one signs', async () => {
    const { endpoint, secret, path } = await create({ eventTypes: ['crm.lead.captured.v1'] });
    const rotated = ok(await t.graphql(`mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: endpoint.id }, admin)).rotateWebhookSecret
      .secret;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    receiver.secrets = [secret, rotated];
    await capture();
    await receiver.until(() => at(path).length >= 1, 30_000, 'a delivery during the overlap');
    expect(at(path)[0].verifiedBy).toEqual([0, 1]);
    expect(at(path)[0].signature.split(' ')).toHaveLength(2);
    clock.advance(25 * 3_600_000);
    // Sessions expire by the app's clock too.
    admin = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
    await capture();
    await receiver.until(() => at(path).length >= 2, 30_000, 'a delivery after the overlap');
    expect(at(path)[1].verifiedBy).toEqual([1]);
    expect(at(path)[1].signature.split(' ')).toHaveLength(1);
  });
});
