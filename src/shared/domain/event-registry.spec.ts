import {
  EventRegistry,
  SCHEMA_VERSION,
  UnknownEventTypeError,
  UnsupportedEventVersionError,
  composeRegistries,
  defineEvents,
  upcaster,
} from './event-registry';

type Renamed = { type: 'Renamed'; data: { id: string; firstName: string; lastName: string } };
type Closed = { type: 'Closed'; data: { id: string } };
type Opened = { type: 'Opened'; data: { id: string } };

// Renamed v1 kept one `name`; v2 split it; v3 added nothing but a version (to check chains).
const renamedV1 = upcaster((data: { id: string; name: string }) => {
  const [firstName, ...rest] = data.name.split(' ');
  return { id: data.id, firstName, last: rest.join(' ') };
});
const renamedV2 = upcaster((data: { id: string; firstName: string; last: string }) => ({ id: data.id, firstName: data.firstName, lastName: data.last }));

const things = defineEvents<Renamed | Closed>('things', { Renamed: { version: 3, upcasters: [renamedV1, renamedV2] }, Closed: 1 });
const others = defineEvents<Opened>('others', { Opened: 1 });

const stored = (type: string, data: unknown, metadata: Record<string, unknown> = {}) => ({
  id: 'e1',
  type,
  data,
  streamName: 'thing-1',
  revision: 0n,
  position: 42n,
  metadata: { tenantId: 't', ...metadata },
  recordedAt: new Date(0),
});

describe('EventRegistry', () => {
  it('returns an event at its current version as it is: no copy', () => {
    const event = stored('Closed', { id: '1' });
    expect(things.decode(event)).toBe(event);
    const renamed = stored('Renamed', { id: '1', firstName: 'Ada', lastName: 'Lovelace' }, { [SCHEMA_VERSION]: 3 });
    expect(things.decode(renamed)).toBe(renamed);
  });

  it('upcasts an unmarked (version 1) event through every upcaster, keeping the envelope', () => {
    const event = stored('Renamed', { id: '1', name: 'Ada King Lovelace' });
    const decoded = things.decode(event);
    expect(decoded).toEqual({ ...event, data: { id: '1', firstName: 'Ada', lastName: 'King Lovelace' }, metadata: { tenantId: 't', schemaVersion: 3 } });
    expect(event.data).toEqual({ id: '1', name: 'Ada King Lovelace' }); // the stored event is left alone
    expect(things.decode(decoded)).toBe(decoded); // decoding twice changes nothing
  });

  it('upcasts from a middle version', () => {
    const event = stored('Renamed', { id: '1', firstName: 'Ada', last: 'Lovelace' }, { schemaVersion: 2 });
    expect(things.decode(event).data).toEqual({ id: '1', firstName: 'Ada', lastName: 'Lovelace' });
  });

  it('names the type, the stream and the position of an unknown type', () => {
    const decode = () => things.decode(stored('Exploded', {}));
    expect(decode).toThrow(UnknownEventTypeError);
    expect(decode).toThrow('Unknown event type "Exploded" in stream thing-1 at position 42 (not registered in things)');
    try {
      decode();
    } catch (error) {
      expect(error).toMatchObject({ code: 'UNKNOWN_EVENT_TYPE', eventType: 'Exploded', streamName: 'thing-1', position: 42n });
    }
  });

  it('refuses a version newer than this build, or a malformed one', () => {
    expect(() => things.decode(stored('Renamed', {}, { schemaVersion: 4 }))).toThrow(UnsupportedEventVersionError);
    expect(() => things.decode(stored('Closed', {}, { schemaVersion: 2 }))).toThrow('is stored at version 2; this build reads versions 1 to 1');
    expect(() => things.decode(stored('Renamed', {}, { schemaVersion: '2' }))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_EVENT_VERSION' }));
  });

  it('refuses a registration whose upcasters do not cover every older version', () => {
    expect(() => defineEvents<Closed>('bad', { Closed: { version: 2, upcasters: [] } })).toThrow('Closed is at version 2 and needs 1 upcaster(s)');
  });

  it('gives writers the version stamp of versioned types only', () => {
    expect(things.versionMetadata('Renamed')).toEqual({ schemaVersion: 3 });
    expect(things.versionMetadata('Closed')).toEqual({});
    expect(things.versionOf('Renamed')).toBe(3);
  });

  it('composes registries and narrows them, sharing the registrations', () => {
    const all = composeRegistries('all', things, others);
    expect(all.types).toEqual(['Renamed', 'Closed', 'Opened']);
    expect(all.decode(stored('Renamed', { id: '1', name: 'Ada' })).data).toEqual({ id: '1', firstName: 'Ada', lastName: '' });
    const closedOnly = all.only('closed', ['Closed']);
    expect(closedOnly.has('Closed')).toBe(true);
    expect(() => closedOnly.decode(stored('Opened', {}))).toThrow('not registered in closed');
    expect(composeRegistries('again', all, closedOnly).types).toHaveLength(3);
    expect(() => composeRegistries('clash', things, defineEvents<Closed>('other', { Closed: 1 }))).toThrow('Closed is registered twice');
  });

  it('checks selected names when the module loads', () => {
    expect(things.select('Closed')).toEqual(['Closed']);
    const untyped: EventRegistry<{ type: string; data: unknown }> = things;
    expect(() => untyped.select('Nope')).toThrow('no event type Nope');
  });
});
