import { randomUUID } from 'node:crypto';
import { Partitioners, PartitionMetadata } from 'kafkajs';
import {
  CloudEvent,
  CRM_SOURCE,
  crmIntegrationEventSchemas,
  CrmIntegrationEventType,
  crmIntegrationEventTypes,
  toIntegrationEvent,
} from '../src/crm/public/crm-integration-events';
import { KeyHashPartitioner } from '../src/integration/kafka-relay';
import { EventMetadata, RecordedEvent } from '../src/shared/event-store/event-store.port';

const metadata = (tenantId: string): EventMetadata => ({ tenantId, actorId: 'user-1', correlationId: randomUUID(), causationId: randomUUID() });

describe('CRM integration events (public contract)', () => {
  const recorded = (type: string, data: Record<string, unknown>, streamName: string): RecordedEvent => ({
    id: randomUUID(),
    streamName,
    type,
    revision: 0n,
    position: 42n,
    data,
    metadata: metadata('tenant-contract'),
    recordedAt: new Date('2026-11-21T10:00:00.123Z'),
  });
  const leadId = randomUUID();
  const clientId = randomUUID();
  const rows: [string, Record<string, unknown>, CrmIntegrationEventType, Record<string, unknown>, string][] = [
    [
      'LeadCaptured',
      { leadId, name: 'Ada', email: 'ada@example.com', company: 'Acme', phone: '+44 20 7946 0000', source: 'website' },
      'crm.lead.captured.v1',
      { leadId, name: 'Ada', email: 'ada@example.com', company: 'Acme', source: 'website' },
      leadId,
    ],
    ['LeadQualified', { leadId }, 'crm.lead.qualified.v1', { leadId }, leadId],
    ['LeadDisqualified', { leadId, reason: 'no budget' }, 'crm.lead.disqualified.v1', { leadId, reason: 'no budget' }, leadId],
    ['LeadConverted', { leadId, clientId }, 'crm.lead.converted.v1', { leadId, clientId }, leadId],
    ['LeadOwnerAssigned', { leadId, ownerId: 'owner-7' }, 'crm.lead.assigned.v1', { leadId, ownerId: 'owner-7', assignedBy: 'user-1' }, leadId],
    ['ClientOwnerAssigned', { clientId, ownerId: 'owner-7' }, 'crm.client.assigned.v1', { clientId, ownerId: 'owner-7', assignedBy: 'user-1' }, clientId],
    [
      'ActivityLogged',
      { activityId: leadId, subjectType: 'CLIENT', subjectId: clientId, kind: 'TASK', subject: 'Call back', notes: 'private notes', dueOn: '2026-12-15' },
      'crm.activity.logged.v1',
      { activityId: leadId, subjectType: 'CLIENT', subjectId: clientId, kind: 'TASK', subject: 'Call back', dueOn: '2026-12-15' },
      leadId,
    ],
    [
      'ClientRegistered',
      { clientId, name: 'Ada', email: 'ada@example.com', company: null, leadId },
      'crm.client.registered.v1',
      { clientId, name: 'Ada', email: 'ada@example.com', company: null, leadId },
      clientId,
    ],
  ];

  const cases = rows.map(([storedType, data, type, publicData, subject]) => ({ storedType, data, type, publicData, subject }));

  it.each(cases)('maps $storedType to $type with the public payload only', ({ storedType, data, type, publicData, subject }) => {
    const event = recorded(storedType, data, `${type.split('.')[1]}-${subject}`);
    expect(toIntegrationEvent(event)).toEqual({
      specversion: '1.0',
      id: event.id,
      source: CRM_SOURCE,
      type,
      subject,
      time: '2026-11-21T10:00:00.123Z',
      datacontenttype: 'application/json',
      tenantid: 'tenant-contract',
      data: publicData,
    });
  });

  it.each(cases)('$type has exactly the fields its schema declares, all of them required', ({ storedType, data, type, subject }) => {
    const event = toIntegrationEvent(recorded(storedType, data, `x-${subject}`))!;
    const schema = crmIntegrationEventSchemas[type] as {
      required: string[];
      properties: Record<string, { const?: unknown; required?: string[]; properties?: object }>;
    };
    expect(Object.keys(event).sort()).toEqual(Object.keys(schema.properties).sort());
    expect(schema.required.sort()).toEqual(Object.keys(schema.properties).sort());
    for (const [field, rule] of Object.entries(schema.properties)) if ('const' in rule) expect(event[field as keyof CloudEvent]).toBe(rule.const);
    expect(Object.keys(event.data as object).sort()).toEqual(Object.keys(schema.properties.data.properties!).sort());
    expect([...schema.properties.data.required!].sort()).toEqual(Object.keys(event.data as object).sort());
  });

  it('publishes nothing for events outside the contract', () => {
    expect(toIntegrationEvent(recorded('ThingHappened', { x: 1 }, 'thing-1'))).toBeNull();
    expect(toIntegrationEvent(recorded('LeadCaptured.v2', { leadId }, `lead-${leadId}`))).toBeNull();
  });

  it('has one schema per type, named after it', () => {
    expect(Object.keys(crmIntegrationEventSchemas).sort()).toEqual(Object.values(crmIntegrationEventTypes).sort());
    // Every type but crm.task.completed.v1 (its subject comes from the activity's history: test/integration-catalogue.spec.ts) is mapped above.
    expect(cases.map((c) => c.type).sort()).toEqual(
      Object.values(crmIntegrationEventTypes)
        .filter((type) => type !== 'crm.task.completed.v1')
        .sort(),
    );
    for (const [type, schema] of Object.entries(crmIntegrationEventSchemas))
      expect((schema as { properties: { type: { const: string } } }).properties.type.const).toBe(type);
  });
});

const partitionMetadata = (count: number) =>
  Array.from({ length: count }, (_, partitionId): PartitionMetadata => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));

describe("the relay's partitioner", () => {
  it("gives every key the partition kafkajs's DefaultPartitioner (and so a Java client) gives it", () => {
    const keys: (string | Buffer)[] = [];
    for (let i = 0; i < 500; i++)
      keys.push(
        randomUUID(),
        'k'.repeat(i % 11),
        `clé-${i}-ключ-😀`.slice(0, 3 + (i % 17)),
        Buffer.from(
          randomUUID()
            .repeat(1 + (i % 3))
            .slice(0, i % 41),
        ),
      );
    for (const count of [1, 4, 6, 7, 100]) {
      const theirs = Partitioners.DefaultPartitioner();
      const ours = KeyHashPartitioner();
      const args = (key: string | Buffer) => ({ topic: 't', partitionMetadata: partitionMetadata(count), message: { key, value: 'v' } });
      expect(keys.map((key) => ours(args(key)))).toEqual(keys.map((key) => theirs(args(key))));
    }
  });
});
