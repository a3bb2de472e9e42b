import { crmEvents } from './crm/domain/crm.events';
import { identityEvents } from './identity/domain/identity.registry';
import { ledgerEvents } from './ledger/domain/ledger.events';
import { ordersEvents } from './orders/domain/orders.events';
import { webhooksEvents } from './webhooks/domain/webhooks.events';
import { EventOf, StoredEvent, Typed, composeRegistries } from './shared/domain/event-registry';

/**
 * Every stored event type of the app, composed from each context's one registration place. The
 * composition root hands it to the processor runtime (shared/ knows no context): decode before a
 * projector or reactor sees an event, so it gets a typed event at its current version, and an
 * unknown type is an UnknownEventTypeError naming the type, the stream and the position.
 */
export const eventRegistry = composeRegistries('annals', crmEvents, ordersEvents, ledgerEvents, identityEvents, webhooksEvents);

export type AppEvent = EventOf<typeof eventRegistry>;

export const decodeEvent = <R extends StoredEvent>(event: R): Typed<R, AppEvent> => eventRegistry.decode(event);
