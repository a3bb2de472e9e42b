import { invoiceCounterStream } from '../domain/invoice.events';

/**
 * The stream that numbers a tenant's invoices: it has an event as soon as the tenant has issued
 * one. Other contexts read it by this name (the identity context fixes the tenant's currency then).
 */
export const invoiceCounterStreamName = invoiceCounterStream;
