import { EventOf } from '../../shared/domain/event-registry';
import type { OrderPlaced } from './order-placed.events';
import { ordersEvents } from '../domain/orders.events';
import { BILLING_EVENT_TYPES } from './billing.events';

/**
 * The orders events other contexts may read, decoded with orders' own registrations (so an
 * upcaster added here serves every reader): orders placed, and the billing events of
 * billing.events.ts. Stored names, never renamed; a changed shape gets a version and an upcaster.
 */
export type { OrderPlaced };

/** The billing events: the ledger posts from them. */
export const billingEvents = ordersEvents.only('orders.billing', BILLING_EVENT_TYPES);

/** Orders placed and billing: CRM counts a client's business from them. */
export const publishedOrdersEvents = ordersEvents.only('orders.published', ['OrderPlaced', ...BILLING_EVENT_TYPES]);

export type PublishedOrdersEvent = EventOf<typeof publishedOrdersEvents>;
