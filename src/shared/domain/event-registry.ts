import { DomainEvent } from './domain-event';

/**
 * Where stored events become typed. Each context registers its events once (crm/domain/crm.events.ts,
 * orders/domain/orders.events.ts, ledger/domain/ledger.events.ts); the composition root joins them
 * (src/events.ts) for the processors, and each aggregate's fold decodes with its own part.
 *
 * Names and versions. A stored type name is fixed forever: the log holds it, and subscription
 * filters (`eventTypePrefixes`), integration mappings and Kafka select by it. When a payload
 * changes shape, the name stays and the version goes up: the writer stamps `schemaVersion: n` in
 * the event's metadata (`versionMetadata(type)` gives the field), an event without the field is
 * version 1 (everything stored before versions existed), and the registration lists one upcaster
 * per older version (the first reads version 1). A suffixed name (`LeadCaptured.v2`) is not used:
 * every prefix filter on `LeadCaptured` would also deliver it, and every reader selecting by exact
 * name would miss it.
 *
 * Cost. An event at its current version is returned as it is (a Map lookup and a comparison, no
 * copy): rebuilds decode tens of thousands of events a second and every command folds its stream.
 * Only an older event is copied, once per upcaster; the copy is marked with the current version, so
 * decoding it again (a processor handing decoded events to code that decodes) changes nothing.
 *
 * The registry trusts that stored data matches its registered name and version (the log is written
 * only through the deciders); what it checks is the name and the version, so an unknown type or a
 * version newer than this build fails with an error that names the type, the stream and the position.
 */

/** What decoding needs of a stored event; the event store's RecordedEvent has it. */
export interface StoredEvent {
  readonly type: string;
  readonly data: unknown;
  readonly streamName: string;
  readonly position: bigint;
  readonly metadata: { readonly [key: string]: unknown };
}

/** A stored event envelope `R` narrowed to one member of the union `E` (the intersection distributes over it). */
export type Typed<R extends StoredEvent, E extends DomainEvent> = R & E;

/** Turns the data of one version into the next version's. The event is there for what older versions kept in metadata. */
export interface Upcaster {
  // A method, not a function property: an upcaster is written against its version's data type.
  up(data: unknown, event: StoredEvent): unknown;
}

/** An upcaster written against the data type it reads (`From`) and the one it yields (`To`). */
export const upcaster = <From, To>(up: (data: From, event: StoredEvent) => To): Upcaster => ({ up });

/** A type whose shape changed: its current version and one upcaster per older version, oldest first. */
export interface VersionedEvent {
  readonly version: number;
  readonly upcasters: readonly Upcaster[];
}

/** Every type of the union, each either `1` (never changed) or its versions. */
export type EventDefinitions<E extends DomainEvent> = { readonly [T in E['type']]: 1 | VersionedEvent };

interface Entry {
  readonly type: string;
  readonly version: number;
  readonly upcasters: readonly Upcaster[];
  /** The metadata field writers add; the same (empty) object for every version-1 type. */
  readonly stamp: Readonly<{ schemaVersion?: number }>;
}

export const SCHEMA_VERSION = 'schemaVersion';
const NO_STAMP: Readonly<{ schemaVersion?: number }> = Object.freeze({});

/** A stored event whose type no registration knows: it cannot be folded or projected, and is never skipped silently. */
export class UnknownEventTypeError extends Error {
  readonly code = 'UNKNOWN_EVENT_TYPE';
  constructor(
    readonly eventType: string,
    readonly streamName: string,
    readonly position: bigint,
    readonly registry: string,
  ) {
    super(`Unknown event type "${eventType}" in stream ${streamName} at position ${position} (not registered in ${registry})`);
    this.name = 'UnknownEventTypeError';
  }
}

/** A stored event of a version this build cannot read (newer than its registration, or malformed). */
export class UnsupportedEventVersionError extends Error {
  readonly code = 'UNSUPPORTED_EVENT_VERSION';
  constructor(
    readonly eventType: string,
    readonly version: unknown,
    readonly currentVersion: number,
    readonly streamName: string,
    readonly position: bigint,
  ) {
    super(
      `Event type "${eventType}" in stream ${streamName} at position ${position} is stored at version ${String(version)}; ` +
        `this build reads versions 1 to ${currentVersion}`,
    );
    this.name = 'UnsupportedEventVersionError';
  }
}

const storedVersion = (event: StoredEvent): unknown => event.metadata[SCHEMA_VERSION] ?? 1;

/** True when the event is at its registered current version: the event is then its typed self. */
function isCurrent<R extends StoredEvent, E extends DomainEvent>(event: R, entry: Entry | undefined): event is Typed<R, E> {
  return entry !== undefined && storedVersion(event) === entry.version;
}

export class EventRegistry<E extends DomainEvent> {
  /** The registered type names, for subscription filters and projections' `handles`. */
  readonly types: readonly E['type'][];

  private constructor(
    /** Names the registry in errors (`crm`, `crm.client`). */
    readonly name: string,
    private readonly entries: ReadonlyMap<string, Entry>,
  ) {
    this.types = [...entries.keys()].filter((type): type is E['type'] => entries.has(type));
  }

  static define<E extends DomainEvent>(name: string, definitions: EventDefinitions<E>): EventRegistry<E> {
    const entries = new Map<string, Entry>();
    for (const [type, definition] of Object.entries<1 | VersionedEvent>(definitions)) {
      const { version, upcasters } = definition === 1 ? { version: 1, upcasters: [] } : definition;
      if (!Number.isInteger(version) || version < 1 || upcasters.length !== version - 1)
        throw new Error(`${name}: ${type} is at version ${version} and needs ${version - 1} upcaster(s), one per older version; it has ${upcasters.length}`);
      entries.set(type, { type, version, upcasters, stamp: version === 1 ? NO_STAMP : Object.freeze({ schemaVersion: version }) });
    }
    return new EventRegistry<E>(name, entries);
  }

  /** The registries of several aggregates or contexts as one; a type registered twice differently is refused. */
  static compose<Rs extends readonly EventRegistry<DomainEvent>[]>(name: string, ...registries: Rs): EventRegistry<EventOf<Rs[number]>> {
    const entries = new Map<string, Entry>();
    for (const registry of registries)
      for (const [type, entry] of registry.entries) {
        const known = entries.get(type);
        if (known && known !== entry) throw new Error(`${name}: ${type} is registered twice (in ${registry.name} and before it)`);
        entries.set(type, entry);
      }
    return new EventRegistry<EventOf<Rs[number]>>(name, entries);
  }

  /** A part of this registry (one aggregate's events, or the ones a context publishes), sharing its registrations. */
  only<T extends E['type']>(name: string, types: readonly T[]): EventRegistry<Extract<E, { type: T }>> {
    return new EventRegistry<Extract<E, { type: T }>>(name, new Map(types.map((type) => [type, this.entry(type)])));
  }

  /** Typed names, checked against the registrations when the module loads (a typo fails at start, not silently). */
  select<T extends E['type']>(...types: T[]): readonly T[] {
    for (const type of types) this.entry(type);
    return types;
  }

  has(type: string): type is E['type'] {
    return this.entries.has(type);
  }

  versionOf(type: E['type']): number {
    return this.entry(type).version;
  }

  /** What a writer adds to the metadata of an event of `type`: `{ schemaVersion }` above version 1, nothing otherwise. */
  versionMetadata(type: string): Readonly<{ schemaVersion?: number }> {
    return this.entries.get(type)?.stamp ?? NO_STAMP;
  }

  /** The stored event as a typed event at its current version (upcast when stored at an older one). */
  decode<R extends StoredEvent>(event: R): Typed<R, E> {
    const entry = this.entries.get(event.type);
    if (isCurrent<R, E>(event, entry)) return event;
    if (entry === undefined) throw new UnknownEventTypeError(event.type, event.streamName, event.position, this.name);
    const version = storedVersion(event);
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > entry.version)
      throw new UnsupportedEventVersionError(event.type, version, entry.version, event.streamName, event.position);
    let data = event.data;
    for (let from = version; from < entry.version; from++) data = entry.upcasters[from - 1].up(data, event);
    const upcast = { ...event, data, metadata: { ...event.metadata, [SCHEMA_VERSION]: entry.version } };
    if (isCurrent<typeof upcast, E>(upcast, entry)) return upcast;
    throw new Error(`${this.name}: upcasting ${event.type} did not reach version ${entry.version}`);
  }

  decodeAll<R extends StoredEvent>(events: readonly R[]): Typed<R, E>[] {
    const decoded: Typed<R, E>[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) decoded[i] = this.decode(events[i]);
    return decoded;
  }

  private entry(type: string): Entry {
    const entry = this.entries.get(type);
    if (!entry) throw new Error(`${this.name}: no event type ${type} is registered`);
    return entry;
  }
}

/** The event union of a registry. */
export type EventOf<R> = R extends EventRegistry<infer E> ? E : never;

export const defineEvents = EventRegistry.define;
export const composeRegistries = EventRegistry.compose;
