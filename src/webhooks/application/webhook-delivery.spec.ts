import { Webhook } from 'standardwebhooks';
import { matchesType } from './event-catalogue';
import { checkEndpointUrl, refusedAddress } from './url-policy';
import { nextDelayMs, retryAfterMs, STANDARD_RETRY_SCHEDULE } from './webhooks.config';
import { newSecret, signatureHeader, signingKeys, webhookId } from './webhook-signature';

describe('webhook signatures', () => {
  it('are verified by the reference library, with one signature per secret while several sign', () => {
    const [a, b] = [newSecret(), newSecret()];
    const id = webhookId('e1', 'ev1');
    const timestamp = Math.floor(Date.now() / 1000);
    const body = '{"id":"ev1"}';
    const header = signatureHeader(signingKeys([a, b]), id, timestamp, body);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': header };
    expect(() => new Webhook(a).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(b).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
  });
  it('have ids derived from the endpoint and the event', () => {
    expect(webhookId('e1', 'ev1')).toBe(webhookId('e1', 'ev1'));
    expect(webhookId('e1', 'ev1')).not.toBe(webhookId('e2', 'ev1'));
    expect(webhookId('e1', 'ev1')).toMatch(/^msg_[A-Za-z0-9_-]{32}$/);
  });
});

describe('retry schedule', () => {
  it('follows the Standard Webhooks schedule with at most 10% jitter, then stops', () => {
    expect(nextDelayMs(STANDARD_RETRY_SCHEDULE, 1, () => 0.5)).toBe(5000);
    expect(nextDelayMs(STANDARD_RETRY_SCHEDULE, 2, () => 0)).toBe(270_000);
    expect(nextDelayMs(STANDARD_RETRY_SCHEDULE, 2, () => 1)).toBe(330_000);
    expect(nextDelayMs(STANDARD_RETRY_SCHEDULE, 10)).toBeNull();
  });
  it('honours Retry-After within 1 s and 24 h', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('0', now)).toBe(1000);
    expect(retryAfterMs('9999999', now)).toBe(86_400_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('event type patterns', () => {
  it('take exact types, prefixes and everything', () => {
    expect(matchesType([], 'billing.invoice.paid.v1')).toBe(true);
    expect(matchesType(['billing.*'], 'billing.invoice.paid.v1')).toBe(true);
    expect(matchesType(['billing.*'], 'billingx.invoice.paid.v1')).toBe(false);
    expect(matchesType(['crm.lead.captured.v1'], 'crm.lead.qualified.v1')).toBe(false);
  });
});

describe('endpoint URL policy (SSRF)', () => {
  it.each([
    ['169.254.169.254', 'linkLocal'],
    ['10.0.0.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
  ])('refuses %s (%s)', (address, range) => expect(refusedAddress(address)).toContain(range));
  it('lets public addresses through', () => expect(refusedAddress('93.184.215.14')).toBeNull());

  const resolvesTo =
    (address: string) => (_host: string, _options: unknown, callback: (error: null, addresses: { address: string; family: number }[]) => void) =>
      callback(null, [{ address, family: 4 }]);
  it.each(['https://169.254.169.254/latest/meta-data', 'https://10.0.0.1/hooks', 'https://[::1]/hooks'])('refuses %s at creation', async (url) =>
    expect(checkEndpointUrl(url, false, resolvesTo('93.184.215.14'))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' }),
  );
  it('refuses a name that resolves to a loopback address', async () =>
    expect(checkEndpointUrl('https://rebind.example/hooks', false, resolvesTo('127.0.0.1'))).rejects.toThrow(/resolves to 127\.0\.0\.1 is a loopback address/));
  it('refuses plain http unless private networks are allowed', async () => {
    await expect(checkEndpointUrl('http://partner.example/hooks', false, resolvesTo('93.184.215.14'))).rejects.toThrow(/https/);
    await expect(checkEndpointUrl('http://127.0.0.1:9/hooks', true)).resolves.toBe('http://127.0.0.1:9/hooks');
  });
  it('accepts an https URL whose name resolves to public addresses', async () =>
    expect(checkEndpointUrl('https://partner.example/hooks', false, resolvesTo('93.184.215.14'))).resolves.toBe('https://partner.example/hooks'));
});
