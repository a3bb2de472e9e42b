import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import {
  integrationCatalogue,
  integrationEventFilter,
  integrationEventSchemas,
  integrationTopics,
  toIntegrationEvent,
  topicOf,
} from '../src/integration/integration-catalogue';
import { CloudEvent, historyOf, JsonSchema, MissingHistory, noHistory } from '../src/shared/integration/integration-event';
import { RecordedEvent } from '../src/shared/event-store/event-store.port';
import { IntegrationTranslator } from '../src/integration/integration-translator';
import { MemoryLog, quoteToCash } from './support/integration-log';

const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
addFormats(ajv);
const validators = new Map(Object.entries(integrationEventSchemas).map(([type, schema]) => [type, ajv.compile(schema)]));
const valid = (type: string, event: unknown) => {
  const validate = validators.get(type)!;
  const ok = validate(event);
  if (!ok) throw new Error(`${type} is not valid: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(event, null, 2)}`);
  return ok;
};

/** Every object schema inside `schema` (its properties, array items, oneOf branches). */
const objectSchemas = (schema: JsonSchema, path = '$'): [string, JsonSchema][] => {
  const found: [string, JsonSchema][] = [];
  if (schema.type === 'object') found.push([path, schema]);
  for (const [name, child] of Object.entries((schema.properties as Record<string, JsonSchema>) ?? {})) found.push(...objectSchemas(child, `${path}.${name}`));
  if (schema.items) found.push(...objectSchemas(schema.items as JsonSchema, `${path}[]`));
  for (const [i, branch] of ((schema.oneOf as JsonSchema[]) ?? []).entries()) found.push(...objectSchemas(branch, `${path}|${i}`));
  return found;
};

describe('the integration catalogue (public contract of every context)', () => {
  it('names every type <context>.<entity>.<fact>.v<n>, once, on its context topic annals.<context>', () => {
    const types = integrationCatalogue.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    for (const d of integrationCatalogue) {
      expect(d.type).toMatch(/^[a-z]+\.[a-z_]+\.[a-z_]+\.v\d+$/);
      expect(d.type.split('.')[0]).toBe(d.context);
      expect(d.topic).toBe(`annals.${d.context}`);
      expect(topicOf(d.type)).toBe(d.topic);
      expect(d.description.length).toBeGreaterThan(10);
    }
    expect(integrationTopics).toEqual(['annals.crm', 'annals.orders', 'annals.billing', 'annals.catalogue', 'annals.ledger', 'annals.webhooks']);
  });

  it.each(integrationCatalogue.map((d) => [d.type, d]))('%s: closed schema, every field required, and its example is valid', (_type, d) => {
    for (const [path, schema] of objectSchemas(d.schema)) {
      expect([path, schema.additionalProperties]).toEqual([path, false]);
      expect([path, [...((schema.required as string[]) ?? [])].sort()]).toEqual([path, Object.keys(schema.properties as object).sort()]);
    }
    expect(ajv.validate(d.schema, d.example)).toBe(true);
    const envelope = {
      specversion: '1.0',
      id: randomUUID(),
      source: `/annals/${d.context}`,
      type: d.type,
      subject: randomUUID(),
      time: '2026-12-01T10:00:00.000Z',
      datacontenttype: 'application/json',
      tenantid: 'acme',
      data: d.example,
    };
    expect(valid(d.type, envelope)).toBe(true);
    // Closed: one more field, in the envelope or in data, is refused.
    expect(validators.get(d.type)!({ ...envelope, actorid: 'user-1' })).toBe(false);
    expect(validators.get(d.type)!({ ...envelope, data: { ...d.example, internal: 1 } })).toBe(false);
  });

  const { log, ids, more, e } = quoteToCash('tenant-contract');
  const history = historyOf(log.events);
  const mapped = log.events.map((recorded) => [recorded, toIntegrationEvent(recorded, history)] as const);
  const published = mapped.filter((pair): pair is readonly [RecordedEvent, CloudEvent] => pair[1] !== null);
  const of = (recorded: RecordedEvent) => toIntegrationEvent(recorded, history)!;

  it('maps real stored events of every context to valid, closed CloudEvents: one of every catalogue type', () => {
    for (const [recorded, event] of published) {
      expect(valid(event.type, event)).toBe(true);
      expect(event.id).toBe(recorded.id);
      expect(event.tenantid).toBe('tenant-contract');
      expect(event.time).toBe(recorded.recordedAt.toISOString());
      expect(recorded.streamName.endsWith(event.subject)).toBe(true);
    }
    expect(new Set(published.map(([, event]) => event.type))).toEqual(new Set(integrationCatalogue.map((d) => d.type)));
    // What only shapes later payloads, or is internal, publishes nothing.
    for (const quiet of [e.drafted, e.revised, e.invoiced, e.renamed, e.accountOpened, e.endpointCreated]) expect(of(quiet)).toBeNull();
    // Every event that publishes passes the store filter.
    for (const [recorded] of published) expect(integrationEventFilter.eventTypePrefixes!.some((prefix) => recorded.type.startsWith(prefix))).toBe(true);
  });

  it('carries what a receiver needs without calling back, folded from the log as it stood', () => {
    expect(of(e.quoteSent).data).toEqual({
      quoteId: ids.quote,
      clientId: ids.client,
      revision: 2,
      currency: 'USD',
      net: '1000.00',
      tax: '200.00',
      total: '1200.00',
      validUntil: '2026-12-31',
      sentOn: '2026-12-01',
    });
    expect(of(e.shipped).data).toMatchObject({ orderId: ids.order, clientId: ids.client, total: '1200.00', carrier: 'UPS', trackingNumber: '1Z' });
    expect(of(e.closed).data).toMatchObject({ orderId: ids.order, invoiceId: more.invoice });
    expect(of(e.issued).data).toEqual({
      invoiceId: more.invoice,
      number: 'INV-2026-000001',
      orderId: ids.order,
      clientId: ids.client,
      // Renamed before the invoice: the name as the log knew it then.
      clientName: 'Ada Lovelace',
      currency: 'USD',
      net: '1000.00',
      tax: '200.00',
      total: '1200.00',
      amountDue: '1200.00',
      issuedOn: '2026-12-04',
      dueOn: '2027-01-03',
    });
    expect(of(e.credited).data).toMatchObject({ amount: '120.00', amountDue: '1080.00', creditedOn: '2026-12-05' });
    expect(of(e.overdue).data).toMatchObject({ number: 'INV-2026-000001', amountDue: '1080.00', overdueOn: '2027-01-04' });
    expect(of(e.payment).data).toMatchObject({ amount: '1080.00', amountDue: '0.00', method: 'bank transfer' });
    expect(of(e.paid).data).toMatchObject({ amountDue: '0.00', paidOn: '2027-01-05' });
    expect(of(e.voided).data).toMatchObject({ number: 'INV-2026-000002', amountDue: '0.00', total: '1200.00' });
    expect(of(e.priceChanged).data).toEqual({
      productId: ids.product,
      sku: 'CONSULT',
      name: 'Consulting day',
      currency: 'USD',
      unitPrice: '550.00',
      previousUnitPrice: '500.00',
    });
    expect(of(e.posted).data).toMatchObject({ total: '1200.00', source: { type: 'billing.invoice.issued.v1', id: more.invoice } });
    expect(of(e.leadAssigned).data).toEqual({ leadId: ids.lead, ownerId: 'owner-2', assignedBy: 'manager-1' });
    expect(of(e.completed).data).toEqual({
      activityId: ids.activity,
      subjectType: 'CLIENT',
      subjectId: ids.client,
      subject: 'Call back',
      completedAt: '2026-12-09T10:00:00.000Z',
    });
    // Nothing internal: no notes, no phone, no correlation ids anywhere.
    const text = JSON.stringify(published.map(([, event]) => event));
    for (const internal of ['secret', '+44 1', 'correlation', 'causation', 'InvoiceIssued']) expect(text).not.toContain(internal);
  });

  it('gives the same payload when mapped again (replay), and asks for history it does not hold instead of guessing', () => {
    expect(log.events.map((r) => toIntegrationEvent(r, historyOf(log.events)))).toEqual(mapped.map(([, event]) => event));
    expect(() => toIntegrationEvent(e.invoiceSent, noHistory)).toThrow(MissingHistory);
    // Events whose payload is their own need none.
    expect(toIntegrationEvent(e.captured, noHistory)?.type).toBe('crm.lead.captured.v1');
  });

  it('publishes nothing for stored types outside the contract', () => {
    const stray = new MemoryLog('t').append('thing-1', 'ThingHappened', { x: 1 });
    expect(toIntegrationEvent(stray)).toBeNull();
  });

  describe('the translator (history held per stream, read only when missing)', () => {
    const readStream = async (name: string) => log.events.filter((event) => event.streamName === name);
    const expected = (from: number) => published.filter(([recorded]) => log.events.indexOf(recorded) >= from).map(([, event]) => event);

    it("never reads a record's own stream when it maps the log from the start, in order (only the client an invoice names)", async () => {
      const read: string[] = [];
      const translator = new IntegrationTranslator({ readStream: (name) => (read.push(name), readStream(name)) }, toIntegrationEvent);
      const out: CloudEvent[] = [];
      for (let i = 0; i < log.events.length; i += 5) {
        const batch = log.events.slice(i, i + 5);
        const { translated, failure } = await translator.translate(batch);
        expect(failure).toBeUndefined();
        out.push(...translated.map((t) => t.event));
      }
      expect(out).toEqual(expected(0));
      expect(read.length).toBeGreaterThan(0);
      expect(read.filter((name) => name !== `client-${ids.client}`)).toEqual([]);
      // Without billing events in a batch, nothing is read and the batch maps at once.
      expect(translator.tryTranslate(log.events.filter((event) => !event.streamName.startsWith('invoice-')))).not.toBeNull();
    });

    it('reads the streams it misses when it starts mid-way, or forgets them, and maps the same payloads', async () => {
      const from = log.events.indexOf(e.invoiceSent);
      for (const maxStreams of [10_000, 2]) {
        const translator = new IntegrationTranslator({ readStream }, toIntegrationEvent, { maxStreams });
        const rest = log.events.slice(from);
        expect(translator.tryTranslate(rest)).toBeNull();
        const { translated, failure } = await translator.translate(rest);
        expect(failure).toBeUndefined();
        expect(translated.map((t) => t.event)).toEqual(expected(from));
        expect(translator.history.readCount).toBeGreaterThan(0);
      }
    });

    it('names the first event it cannot map, after mapping those before it', async () => {
      const broken = new MemoryLog('t');
      const ok = broken.append('lead-1', 'LeadQualified', { leadId: randomUUID() });
      const orphan = broken.append(`invoice-${randomUUID()}`, 'InvoiceSent', { invoiceId: randomUUID(), sentOn: '2026-12-01' });
      orphan.revision = 3n; // its stream holds nothing before it: corrupt history, the event's own failure
      const translator = new IntegrationTranslator({ readStream: async () => [] }, toIntegrationEvent);
      const { translated, failure } = await translator.translate([ok, orphan]);
      expect(translated.map((t) => t.recorded)).toEqual([ok]);
      expect(failure?.event).toBe(orphan);
    });
  });
});
