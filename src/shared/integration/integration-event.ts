/**
 * What every context's integration events share: the CloudEvents 1.0 envelope, the shape of a
 * catalogue entry, and the history a mapping may read. Each context maps its own stored events in
 * `src/<context>/public/<context>-integration-events.ts`; src/integration/integration-catalogue.ts
 * composes them. Documented in docs/integration-events.md.
 */
import type { RecordedEvent } from '../event-store/event-store.port';

/** A CloudEvents 1.0 event in structured JSON mode, with annals' `tenantid` extension. */
export interface CloudEvent<Type extends string = string, Data = unknown> {
  specversion: '1.0';
  /** Unique per event; consumers dedupe on it (with `source`). */
  id: string;
  source: string;
  type: Type;
  /** The aggregate the event is about: the Kafka message key. */
  subject: string;
  /** When the event store recorded the event (RFC 3339). */
  time: string;
  datacontenttype: 'application/json';
  /** The tenant the event belongs to; consumers must never mix tenants. */
  tenantid: string;
  data: Data;
}

export type JsonSchema = Record<string, unknown>;

/** One published type, as the catalogue, the AsyncAPI document and the admin UI describe it. */
export interface IntegrationEventDefinition {
  /** `<context>.<entity>.<fact>.v<n>`, never changed once published. */
  readonly type: string;
  readonly context: string;
  /** The Kafka topic that carries it: `annals.<context>`. */
  readonly topic: string;
  readonly description: string;
  /** JSON Schema (draft 2020-12) of `data`: closed, every field required. */
  readonly schema: JsonSchema;
  /** A valid `data`. */
  readonly example: Record<string, unknown>;
}

/**
 * The earlier events a mapping may read, so an integration event carries what a receiver needs
 * (an invoice's number and balance on `billing.invoice.sent.v1`) although the domain event does
 * not. Only the log is read, so mapping the same event again gives the same payload.
 */
export interface StreamHistory {
  /** The events of `event`'s own stream before it, oldest first. */
  before(event: RecordedEvent): readonly RecordedEvent[];
  /** The events of another stream recorded at or before `position`, oldest first. */
  upTo(streamName: string, position: bigint): readonly RecordedEvent[];
}

/** Thrown by a StreamHistory that does not hold a stream yet: the caller loads it and maps again. */
export class MissingHistory extends Error {
  constructor(
    readonly streamName: string,
    readonly position: bigint,
  ) {
    super(`the history of ${streamName} up to position ${position} is not loaded`);
    this.name = 'MissingHistory';
  }
}

/** A history that holds nothing: fine for events mapped from their own data only. */
export const noHistory: StreamHistory = {
  before: (event) => {
    if (event.revision === 0n) return [];
    throw new MissingHistory(event.streamName, event.position);
  },
  upTo: (streamName, position) => {
    throw new MissingHistory(streamName, position);
  },
};

/** A history over events held in memory (a whole log, a test's events): each stream's events in position order. */
export const historyOf = (events: readonly RecordedEvent[]): StreamHistory => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of [...events].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0)))
    streams.set(event.streamName, [...(streams.get(event.streamName) ?? []), event]);
  return {
    before: (event) => (streams.get(event.streamName) ?? []).filter((e) => e.revision < event.revision),
    upTo: (streamName, position) => (streams.get(streamName) ?? []).filter((e) => e.position <= position),
  };
};

/** What one context publishes: its definitions, the stored types it reads, and its mapping. */
export interface IntegrationEventModule {
  readonly context: string;
  /** CloudEvents `source`: `/annals/<context>`. */
  readonly source: string;
  readonly topic: string;
  readonly definitions: readonly IntegrationEventDefinition[];
  /**
   * Stored types the mapping reads: those that publish, and those that only shape a later event's
   * payload (`QuoteDrafted` gives `orders.quote.sent.v1` its amounts). Each belongs to one module.
   */
  readonly storedTypes: readonly string[];
  /** The integration event `recorded` publishes, or null. Pure: the same event and log give the same result. */
  toIntegrationEvent(recorded: RecordedEvent, history?: StreamHistory): CloudEvent | null;
}

/** The envelope of one of a module's events: the id is the domain event's, so it is stable. */
export const cloudEvent = (source: string, recorded: RecordedEvent, type: string, subject: string, data: unknown): CloudEvent => ({
  specversion: '1.0',
  id: recorded.id,
  source,
  type,
  subject,
  time: recorded.recordedAt.toISOString(),
  datacontenttype: 'application/json',
  tenantid: recorded.metadata.tenantId,
  data,
});

// JSON Schema pieces every context uses.
export const uuid = { type: 'string', format: 'uuid' } as const;
export const nonEmpty = { type: 'string', minLength: 1 } as const;
export const nullableString = { type: ['string', 'null'] } as const;
export const email = { type: 'string', format: 'email' } as const;
export const businessDate = { type: 'string', format: 'date', description: "A business date, 'YYYY-MM-DD'." } as const;
export const nullableDate = { type: ['string', 'null'], format: 'date' } as const;
export const currencyCode = { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code.' } as const;
export const decimal = {
  type: 'string',
  pattern: '^-?[0-9]+(\\.[0-9]+)?$',
  description: 'An amount as a decimal string in the currency, e.g. "125.50".',
} as const;

/** A closed object schema: every property required, no others. */
export const closed = (properties: Record<string, JsonSchema>, description?: string): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  additionalProperties: false,
  required: Object.keys(properties),
  properties,
});

/** The JSON Schema of a whole CloudEvent of `definition`'s type, envelope included, `$id` `urn:annals:schema:<type>`. */
export const cloudEventSchema = (definition: IntegrationEventDefinition, source: string): JsonSchema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `urn:annals:schema:${definition.type}`,
  title: definition.type,
  description: definition.description,
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'tenantid', 'data'],
  additionalProperties: false,
  properties: {
    specversion: { const: '1.0' },
    id: { ...uuid, description: 'The domain event id: the same event always carries the same id. Dedupe on it.' },
    source: { const: source },
    type: { const: definition.type },
    subject: { ...nonEmpty, description: 'The id of the record the event is about; also the Kafka message key.' },
    time: { type: 'string', format: 'date-time', description: 'When annals recorded the event.' },
    datacontenttype: { const: 'application/json' },
    tenantid: { ...nonEmpty, description: 'The tenant the event belongs to.' },
    data: definition.schema,
  },
});

/** What a record's decider needs to fold its history (the state it was in just before an event). */
export interface Fold<State> {
  initialState: () => State;
  evolve: (state: State, event: never) => State;
  events: { decode(event: RecordedEvent): unknown };
}

/** The state of `event`'s record just before it, folded from the log; refuses a record with no history. */
export const recordBefore = <State extends { status: string }>(
  fold: Fold<State>,
  history: StreamHistory,
  event: RecordedEvent,
): Exclude<State, { status: 'NONE' }> => {
  let state = fold.initialState();
  for (const earlier of history.before(event)) state = fold.evolve(state, fold.events.decode(earlier) as never);
  if (state.status === 'NONE') throw new Error(`${event.type} ${event.id} in ${event.streamName}: its record has no earlier event to describe it`);
  return state as Exclude<State, { status: 'NONE' }>;
};
