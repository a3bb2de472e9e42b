import { postWebhook, webhookAgent } from '../src/webhooks/application/http-sender';
import { startTestApp, TestApp } from './support/app';
import { WebhookReceiver } from './support/webhook-receiver';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`;

describe('Webhooks with private networks disallowed (SSRF)', () => {
  const receiver = new WebhookReceiver();
  let t: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    await receiver.start();
    receiver.secrets = ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'];
    t = await startTestApp({ webhooks: { allowPrivateNetworks: false } });
    admin = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  it.each([
    ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is a linkLocal address/],
    ['https://10.0.0.1/hooks', /10\.0\.0\.1 is a private address/],
    ['https://[::1]/hooks', /::1 is a loopback address/],
    ['https://localhost/hooks', /localhost resolves to 127\.0\.0\.1 is a loopback address/],
    ['http://partner.example/hooks', /must start with https:\/\//],
  ])('refuses %s at creation with BAD_USER_INPUT', async (url, message) => {
    const result = await t.graphql(CREATE, { input: { url } }, admin);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(message);
    expect(result.data).toBeNull();
  });

  describe('at connect time (the address the socket would use)', () => {
    const agent = webhookAgent(false, 2000);
    afterAll(() => agent.close());
    const headers = { 'content-type': 'application/cloudevents+json' };

    it.each([
      ['a name that resolves to 127.0.0.1', () => `http://localhost:${receiver.port}/hooks`, /localhost resolves to 127\.0\.0\.1 is a loopback address/],
      ['a loopback IPv4 literal', () => `http://127.0.0.1:${receiver.port}/hooks`, /127\.0\.0\.1 is a loopback address/],
      ['a loopback IPv6 literal', () => `http://[::1]:${receiver.port}/hooks`, /::1 is a loopback address/],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is a linkLocal address/],
      ['a private address', () => 'http://10.0.0.1/hooks', /10\.0\.0\.1 is a private address/],
    ])('refuses %s: a failed attempt that says why, and no request reaches it', async (_name, url, message) => {
      const before = receiver.received.length + receiver.unverified.length;
      const result = await postWebhook(agent, url(), headers, '{}', 2000);
      expect(result.statusCode).toBeNull();
      expect(result.error).toMatch(message);
      expect(receiver.received.length + receiver.unverified.length).toBe(before);
    });

    it('connects when allowed (the same receiver answers)', async () => {
      const allowed = webhookAgent(true, 2000);
      const result = await postWebhook(allowed, `http://localhost:${receiver.port}/hooks`, headers, '{}', 2000);
      await allowed.close();
      expect(result.statusCode).toBe(400);
      expect(receiver.unverified).toHaveLength(1);
    });
  });
});
