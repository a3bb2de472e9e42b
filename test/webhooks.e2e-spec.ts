import { INTEGRATION_EVENT_SOURCE } from '../src/integration/integration.module';
import type { IntegrationEventSource, IntegrationSubscription } from '../src/integration/integration-event-source';
import type { CloudEvent } from '../src/shared/integration/integration-event';
import { startTestApp, TestApp } from './support/app';
import { eventually, TestClock, WebhookReceiver } from './support/webhook-receiver';

const ENDPOINT = 'id url description eventTypes status orderedBySubject rateLimitPerSecond createdAt lastSuccessAt failingSince disabledReason';
const CREATE = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT} } } }`;
const ENDPOINT_QUERY = `query ($id: ID!) { webhookEndpoint(id: $id) { ${ENDPOINT} } }`;
const DELIVERIES = `query ($filter: WebhookDeliveryFilter) { webhookDeliveries(filter: $filter, perPage: 500) { total items {
  id endpointId eventId eventType status attemptCount nextAttemptAt lastStatusCode createdAt deliveredAt payload attempts { at statusCode durationMs responseBody error } } } }`;
const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`;

describe('Webhooks: signed deliveries to a real receiver (embedded PostgreSQL, real app)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let globex: Record<string, string>;
  const clock = new TestClock();
  const receiver = new WebhookReceiver();
  // An endpoint's health, as the integration events every consumer (notifications) reads.
  const healthEvents: CloudEvent[] = [];
  let healthFeed: IntegrationSubscription;
  const healthOf = (endpointId: string, type: string) =>
    eventually(
      async () => healthEvents.filter((e) => e.subject === endpointId && e.type === type),
      (found) => found.length === 1,
      20_000,
      type,
    );

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp({ clock, webhooks: { allowPrivateNetworks: true, retrySchedule: [0, 1, 2], timeoutMs: 2000, disableAfterHours: 1 } });
    admin = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
    globex = { authorization: `Bearer ${await t.login('admin@globex.test')}` };
    healthFeed = await t.app
      .get<IntegrationEventSource>(INTEGRATION_EVENT_SOURCE)
      .subscribe('test.webhooks-health', async (events) => void healthEvents.push(...events.filter((e) => e.type.startsWith('webhooks.'))));
  });
  afterAll(async () => {
    await healthFeed?.stop();
    await t?.close();
    await receiver.stop();
  });

  const ok = <T>(result: { data: T; errors?: unknown[] }): T => {
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  let paths = 0;
  const create = async (input: Record<string, unknown> = {}, headers = admin) => {
    const path = `/hooks/${++paths}`;
    const data = ok(await t.graphql(CREATE, { input: { url: receiver.url(path), eventTypes: ['crm.*'], ...input } }, headers));
    receiver.secrets.push(data.createWebhookEndpoint.secret);
    return { ...data.createWebhookEndpoint, path };
  };
  const capture = async (headers = admin) =>
    ok(await t.graphql(CAPTURE, { input: { name: 'Ada Lovelace', email: `ada.${Math.random().toString(36).slice(2)}@example.com` } }, headers)).captureLead
      .id as string;
  const at = (path: string) => receiver.received.filter((r) => r.path === path);
  const deliveries = async (filter: Record<string, unknown>) => ok(await t.graphql(DELIVERIES, { filter }, admin)).webhookDeliveries;

  it('signs each delivery the Standard Webhooks way, verified by the reference library, and shows the secret only once', async () => {
    const { endpoint, secret, path } = await create({ description: 'CRM feed' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(endpoint).toMatchObject({ status: 'ACTIVE', description: 'CRM feed', eventTypes: ['crm.*'], orderedBySubject: false });
    const leadId = await capture();
    const [request] = await receiver.until(() => at(path).length >= 1, 30_000, 'the captured lead').then(() => at(path));
    expect(request.contentType).toBe('application/cloudevents+json');
    expect(request.event).toMatchObject({ specversion: '1.0', type: 'crm.lead.captured.v1', subject: leadId, tenantid: 'acme' });
    expect(request.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Number(request.timestamp)).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(receiver.unverified).toHaveLength(0);

    const log = await eventually(
      () => deliveries({ endpointId: endpoint.id }),
      (d) => d.items[0]?.status === 'SUCCEEDED',
      10_000,
      'the delivery recorded',
    );
    expect(log.items[0]).toMatchObject({
      id: request.id,
      eventId: request.event.id,
      eventType: 'crm.lead.captured.v1',
      attemptCount: 1,
      lastStatusCode: 200,
      payload: request.body,
    });
    expect(log.items[0].attempts).toEqual([expect.objectContaining({ statusCode: 200, responseBody: 'ok', error: null })]);
    const shown = JSON.stringify([ok(await t.graphql(ENDPOINT_QUERY, { id: endpoint.id }, admin)), log]);
    expect(shown).not.toContain(secret.slice(6));
    expect(ok(await t.graphql(ENDPOINT_QUERY, { id: endpoint.id }, admin)).webhookEndpoint.lastSuccessAt).not.toBeNull();
  });

  it('retries on the (compressed) schedule with the same webhook-id, then marks the delivery FAILED and the endpoint FAILING', async () => {
    const { endpoint, path } = await create();
    receiver.answer = (r) => (r.path === path ? { status: 500, body: 'boom' } : { status: 200 });
    await capture();
    await receiver.until(() => at(path).length >= 1, 30_000, 'the first attempt');
    const first = await eventually(
      () => deliveries({ endpointId: endpoint.id }),
      (d) => d.items[0]?.status === 'RETRYING',
      10_000,
      'RETRYING',
    );
    const due = new Date(first.items[0].nextAttemptAt).getTime() - new Date(first.items[0].attempts[0].at).getTime();
    expect(due).toBeGreaterThanOrEqual(900);
    expect(due).toBeLessThanOrEqual(1100);
    // Nothing is sent before the next attempt is due, by the app's clock.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(at(path)).toHaveLength(1);
    clock.advance(1200);
    await receiver.until(() => at(path).length >= 2, 30_000, 'the second attempt');
    await eventually(
      () => deliveries({ endpointId: endpoint.id }),
      (d) => d.items[0]?.attemptCount === 2,
      10_000,
      'the second attempt recorded',
    );
    clock.advance(2500);
    await receiver.until(() => at(path).length >= 3, 30_000, 'the third attempt');
    const failed = await eventually(
      () => deliveries({ endpointId: endpoint.id }),
      (d) => d.items[0]?.status === 'FAILED',
      10_000,
      'FAILED',
    );
    expect(failed.items[0].attemptCount).toBe(3);
    expect(failed.items[0].attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500]);
    expect(new Set(at(path).map((r) => r.id))).toEqual(new Set([failed.items[0].id]));
    const health = await eventually(
      () => t.graphql(ENDPOINT_QUERY, { id: endpoint.id }, admin),
      (r) => r.data.webhookEndpoint.status === 'FAILING',
      10_000,
      'FAILING',
    );
    expect(health.data.webhookEndpoint.failingSince).not.toBeNull();
    const [failing] = await healthOf(endpoint.id, 'webhooks.endpoint.failing.v1');
    expect(failing.data).toEqual({
      endpointId: endpoint.id,
      url: receiver.url(path),
      since: health.data.webhookEndpoint.failingSince,
      statusCode: 500,
      error: null,
    });
    receiver.answer = () => ({ status: 200 });
  });

  it('disables an endpoint that answers 410, keeping its deliveries PENDING until it is enabled again', async () => {
    const { endpoint, path } = await create();
    receiver.answer = (r) => (r.path === path ? { status: 410 } : { status: 200 });
    await capture();
    await receiver.until(() => at(path).length >= 1, 30_000, 'the attempt answered 410');
    const disabled = await eventually(
      () => t.graphql(ENDPOINT_QUERY, { id: endpoint.id }, admin),
      (r) => r.data.webhookEndpoint.status === 'DISABLED',
      10_000,
      'DISABLED',
    );
    expect(disabled.data.webhookEndpoint.disabledReason).toMatch(/410/);
    const [gone] = await healthOf(endpoint.id, 'webhooks.endpoint.disabled.v1');
    expect(gone.data).toMatchObject({ endpointId: endpoint.id, automatic: true, reason: 'The endpoint answered 410 Gone' });
    await capture();
    await eventually(
      () => deliveries({ endpointId: endpoint.id }),
      (d) => d.total === 2,
      10_000,
      'two deliveries',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(at(path)).toHaveLength(1);
    expect((await deliveries({ endpointId: endpoint.id })).items.every((d: { status: string }) => d.status === 'PENDING')).toBe(true);

    receiver.answer = () => ({ status: 200 });
    ok(await t.graphql(`mutation ($id: ID!) { enableWebhookEndpoint(id: $id) { status } }`, { id: endpoint.id }, admin));
    await receiver.until(() => new Set(at(path).map((r) => r.id)).size === 2 && at(path).length >= 3, 30_000, 'what it missed');
    await eventually(
      () => deliveries({ endpointId: endpoint.id }),
      (d) => d.items.every((i: { status: string }) => i.status === 'SUCCEEDED'),
      10_000,
      'all delivered',
    );
  });

  it('honours Retry-After on 429 and 503', async () => {
    const { endpoint, path } = await create();
    receiver.answer = (r) => (r.path === path && at(path).length === 1 ? { status: 429, headers: { 'retry-after': '30' } } : { status: 200 });
    await capture();
    await receiver.until(() => at(path).length >= 1, 30_000, 'the attempt answered 429');
    const retrying = await eventually(
      () => deliveries({ endpointId: endpoint.id }),
      (d) => d.items[0]?.status === 'RETRYING',
      10_000,
      'RETRYING',
    );
    const wait = new Date(retrying.items[0].nextAttemptAt).getTime() - new Date(retrying.items[0].attempts[0].at).getTime();
    expect(wait).toBe(30_000);
    clock.advance(10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(at(path)).toHaveLength(1);
    clock.advance(21_000);
    await receiver.until(() => at(path).length >= 2, 30_000, 'the attempt after Retry-After');
    await healthOf(endpoint.id, 'webhooks.endpoint.failing.v1');
    const [recovered] = await healthOf(endpoint.id, 'webhooks.endpoint.recovered.v1');
    expect(recovered.data).toMatchObject({ endpointId: endpoint.id, url: receiver.url(path) });
    receiver.answer = () => ({ status: 200 });
  });

  it('delivers to an endpoint only its own tenant’s events', async () => {
    const acme = await create();
    const other = await create({}, globex);
    await capture(globex);
    await receiver.until(() => at(other.path).length >= 1, 30_000, "globex's lead");
    await capture(admin);
    await receiver.until(() => at(acme.path).length >= 1, 30_000, "acme's lead");
    expect(at(acme.path).every((r) => r.event.tenantid === 'acme')).toBe(true);
    expect(at(other.path).every((r) => r.event.tenantid === 'globex')).toBe(true);
    const seen = ok(await t.graphql(ENDPOINT_QUERY, { id: other.endpoint.id }, admin));
    expect(seen.webhookEndpoint).toBeNull();
  });
});
