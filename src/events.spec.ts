import { identityEvents } from './identity/domain/identity.registry';
import { projections } from '../projections';
import { crmEvents } from './crm/domain/crm.events';
import { ledgerEvents } from './ledger/domain/ledger.events';
import { ordersEvents } from './orders/domain/orders.events';
import { billingEvents, publishedOrdersEvents } from './orders/public/published.events';
import { decodeEvent, eventRegistry } from './events';
import { webhooksEvents } from './webhooks/domain/webhooks.events';

const stored = (type: string, data: unknown, metadata: Record<string, unknown> = {}) => ({
  id: 'e1',
  type,
  data,
  streamName: 'client-1',
  revision: 0n,
  position: 7n,
  metadata: { tenantId: 'acme', actorId: 'creator', correlationId: 'c', causationId: 'c', ...metadata },
  recordedAt: new Date(0),
});

describe('the app-wide event registry', () => {
  it('holds every context registration, each type once', () => {
    const types = [...crmEvents.types, ...ordersEvents.types, ...ledgerEvents.types, ...identityEvents.types, ...webhooksEvents.types];
    expect(new Set(types).size).toBe(types.length);
    expect([...eventRegistry.types].sort()).toEqual([...types].sort());
  });

  it('knows every type a projection handles (a typo in `handles` fails here, not as a silent no-op)', () => {
    for (const projection of projections)
      for (const type of projection.handles) expect([projection.name, eventRegistry.has(type)]).toEqual([projection.name, true]);
  });

  it("publishes only orders' own registrations", () => {
    expect(billingEvents.types).toEqual(['InvoiceIssued', 'PaymentRecorded', 'CreditNoteIssued', 'InvoiceVoided']);
    expect(publishedOrdersEvents.types).toEqual(['OrderPlaced', ...billingEvents.types]);
  });

  it('upcasts ClientRegistered v1 (unmarked) and passes v2 as it is', () => {
    const v1 = stored('ClientRegistered', { clientId: '1', name: 'Ada', email: 'a@x', company: null, leadId: null });
    expect(decodeEvent(v1).data).toEqual({ clientId: '1', name: 'Ada', email: 'a@x', company: null, leadId: null, phone: null, ownerId: 'creator' });
    const v2 = stored('ClientRegistered', { clientId: '1', name: 'Ada', email: 'a@x', company: null, leadId: null }, { schemaVersion: 2 });
    expect(decodeEvent(v2)).toBe(v2);
    expect(eventRegistry.versionMetadata('ClientRegistered')).toEqual({ schemaVersion: 2 });
    expect(eventRegistry.versionMetadata('LeadCaptured')).toEqual({});
  });

  it('refuses an unknown stored type, naming it, its stream and its position', () => {
    expect(() => decodeEvent(stored('LeadCaptured.v2', {}))).toThrow(
      'Unknown event type "LeadCaptured.v2" in stream client-1 at position 7 (not registered in annals)',
    );
  });
});
