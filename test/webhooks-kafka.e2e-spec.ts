import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp } from './support/app';
import { startTestKafka, TestKafka } from './support/kafka';
import { eventually, WebhookReceiver } from './support/webhook-receiver';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id } } }`;
const CAPTURE = `mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }`;

describe('Webhooks with Kafka: the dispatcher reads integration events through its consumer group', () => {
  let kafka: TestKafka;
  let t: TestApp;
  const receiver = new WebhookReceiver();
  const group = `webhooks.dispatcher.test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    kafka = await startTestKafka('annals-webhooks-test');
    await receiver.start();
    t = await startTestApp({ kafkaBrokers: kafka.brokers, webhooks: { allowPrivateNetworks: true, retrySchedule: [0, 1, 1], dispatcherName: group } });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
    await kafka?.release();
  });

  it('delivers signed webhooks for events that came through Kafka, and the group commits its offsets', async () => {
    const admin = { authorization: `Bearer ${await t.login('admin@acme.test')}` };
    const created = await t.graphql(CREATE, { input: { url: receiver.url('/kafka'), eventTypes: ['crm.lead.*'] } }, admin);
    expect(created.errors).toBeUndefined();
    receiver.secrets.push(created.data.createWebhookEndpoint.secret);
    const leads: string[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await t.graphql(CAPTURE, { input: { name: `Kafka ${i}`, email: `kafka.${i}.${randomBytes(3).toString('hex')}@example.com` } }, admin);
      leads.push(result.data.captureLead.id);
    }
    await receiver.until((received) => leads.every((lead) => received.some((r) => r.event.subject === lead)), 90_000, 'every lead through Kafka');
    expect(receiver.unverified).toHaveLength(0);
    const mine = receiver.received.filter((r) => leads.includes(r.event.subject));
    expect(new Set(mine.map((r) => r.event.id)).size).toBe(20);
    const admin2 = kafka.kafka.admin();
    await admin2.connect();
    try {
      const offsets = await eventually(
        () => admin2.fetchOffsets({ groupId: group, topics: ['annals.crm'] }),
        (topics) => topics[0]?.partitions.some((p) => Number(p.offset) > 0),
        30_000,
        'committed offsets',
      );
      expect(offsets[0].partitions.some((p) => Number(p.offset) > 0)).toBe(true);
    } finally {
      await admin2.disconnect();
    }
  }, 120_000);
});
