import { randomUUID } from 'node:crypto';
import { CommandContext } from '../../shared/command/command-context';
import { EventSourcedRunner } from '../../shared/command/event-sourced-runner';
import { deterministicId } from '../../shared/domain/ids';
import { formatMinor } from '../../shared/domain/money';
import { clientIdForLead } from '../../crm/public/client-directory';
import { OrderCommand, orderDecider } from '../domain/order';
import { orderStream } from '../domain/order.events';
import { ProductCommand, productDecider } from '../domain/product';
import { productStream } from '../domain/product.events';
import { QuoteCommand, quoteDecider } from '../domain/quote';
import { quoteStream } from '../domain/quote.events';
import { reserveSku } from './catalogue.commands';
import { orderIdForQuote } from './order.commands';
import { today as todayOf } from './orders.commands';
import { invoiceDecider } from '../domain/invoice';
import { invoiceStream } from '../domain/invoice.events';
import { invoiceIdForDelivery } from './invoicing.process-manager';

const DEMO_CLIENT_LEAD_EMAIL = 'ada@analytical.example';

const PRODUCTS = [
  { sku: 'WID-100', name: 'Widget', unitPrice: '12.50', taxRate: '20', retired: false },
  { sku: 'GAD-200', name: 'Gadget Pro', unitPrice: '49.90', taxRate: '20', retired: false },
  { sku: 'SRV-HOUR', name: 'Consulting hour', unitPrice: '95.00', taxRate: '20', retired: false },
  { sku: 'LEG-001', name: 'Legacy widget', unitPrice: '9.99', taxRate: '20', retired: true },
];

type Stage = 'DRAFT' | 'SENT' | 'REJECTED' | 'PLACED' | 'PAYMENT_AUTHORIZED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
const QUOTES: { key: string; stage: Stage; lines: [sku: string, quantity: string][]; paid?: boolean }[] = [
  {
    key: 'draft',
    stage: 'DRAFT',
    lines: [
      ['WID-100', '10'],
      ['SRV-HOUR', '2'],
    ],
  },
  { key: 'sent', stage: 'SENT', lines: [['GAD-200', '3']] },
  { key: 'rejected', stage: 'REJECTED', lines: [['SRV-HOUR', '40']] },
  { key: 'placed', stage: 'PLACED', lines: [['WID-100', '4']] },
  {
    key: 'authorized',
    stage: 'PAYMENT_AUTHORIZED',
    lines: [
      ['GAD-200', '1'],
      ['WID-100', '2'],
    ],
  },
  { key: 'shipped', stage: 'SHIPPED', lines: [['GAD-200', '2']] },
  {
    key: 'delivered',
    stage: 'DELIVERED',
    lines: [
      ['WID-100', '12'],
      ['SRV-HOUR', '1.5'],
    ],
  },
  {
    key: 'paid',
    stage: 'DELIVERED',
    lines: [
      ['GAD-200', '1'],
      ['SRV-HOUR', '3'],
    ],
    paid: true,
  },
  { key: 'cancelled', stage: 'CANCELLED', lines: [['WID-100', '1']] },
];

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Demo catalogue, quotes and orders for the demo client (lead Ada Lovelace, converted by the demo
 * seeder): quotes in every open and closed state and orders at each stage. The delivered one is
 * invoiced by the invoicing process manager like any other. Ids are deterministic and each quote's
 * chain is skipped once its stream exists, so a restart adds nothing twice.
 */
export const seedDemoOrders = async (runner: EventSourcedRunner, tenantId: string, currency: string, now: Date): Promise<void> => {
  const clientId = clientIdForLead(tenantId, deterministicId(tenantId, 'demo-lead', DEMO_CLIENT_LEAD_EMAIL));
  const client = await runner.readStream(`client-${clientId}`);
  if (client.length === 0) return; // the CRM demo data is not there: nothing to quote to
  const correlationId = deterministicId(tenantId, 'demo-orders');
  const context = (): CommandContext => ({ tenantId, actorId: 'system:demo-seed', correlationId, causationId: randomUUID() });
  const today = todayOf(now);

  const products = new Map<string, { id: string; unitPrice: string; taxRate: string; name: string }>();
  for (const product of PRODUCTS) {
    const productId = deterministicId(tenantId, 'demo-product', product.sku);
    products.set(product.sku, { id: productId, ...product });
    if ((await runner.readStream(productStream(productId))).length > 0) continue;
    await reserveSku(runner, tenantId, product.sku, productId, context());
    const steps: ProductCommand[] = [
      { type: 'CreateProduct', productId, sku: product.sku, name: product.name, unitPrice: product.unitPrice, taxRate: product.taxRate, currency },
    ];
    if (product.retired) steps.push({ type: 'DeactivateProduct', productId });
    for (const step of steps) await runner.run(productDecider, productStream(productId), step, context());
  }

  for (const quote of QUOTES) {
    const quoteId = deterministicId(tenantId, 'demo-quote', quote.key);
    if ((await runner.readStream(quoteStream(quoteId))).length > 0) continue;
    const lines = quote.lines.map(([sku, quantity]) => {
      const product = products.get(sku)!;
      return { productId: product.id, description: product.name, quantity, unitPrice: product.unitPrice, taxRate: product.taxRate };
    });
    const quoteSteps: QuoteCommand[] = [{ type: 'DraftQuote', quoteId, clientId, currency, validUntil: addDays(today, 30), lines, today }];
    if (quote.stage !== 'DRAFT') quoteSteps.push({ type: 'SendQuote', quoteId, today });
    if (quote.stage === 'REJECTED') quoteSteps.push({ type: 'RejectQuote', quoteId, reason: 'Went with a cheaper offer' });
    const ordered = !['DRAFT', 'SENT', 'REJECTED'].includes(quote.stage);
    if (ordered) quoteSteps.push({ type: 'AcceptQuote', quoteId, today });
    let state = quoteDecider.initialState();
    for (const step of quoteSteps) state = (await runner.run(quoteDecider, quoteStream(quoteId), step, context())).state;
    if (!ordered || state.status === 'NONE') continue;

    const orderId = orderIdForQuote(tenantId, quoteId);
    const { status, net, tax, total } = state;
    const orderSteps: OrderCommand[] = [
      { type: 'PlaceOrder', orderId, quote: { quoteId, status, clientId, currency, lines: state.lines, net, tax, total }, today },
    ];
    if (quote.stage === 'CANCELLED') orderSteps.push({ type: 'CancelOrder', orderId, reason: 'Client postponed the project' });
    if (['PAYMENT_AUTHORIZED', 'SHIPPED', 'DELIVERED'].includes(quote.stage))
      orderSteps.push({ type: 'AuthorizePayment', orderId, reference: `AUTH-${formatMinor(total, currency).replace('.', '')}` });
    if (['SHIPPED', 'DELIVERED'].includes(quote.stage))
      orderSteps.push({ type: 'ShipOrder', orderId, carrier: 'UPS', trackingNumber: `1Z${orderId.slice(0, 8).toUpperCase()}`, today });
    if (quote.stage === 'DELIVERED') orderSteps.push({ type: 'ConfirmDelivery', orderId, today });
    let deliveredEventId: string | undefined;
    for (const step of orderSteps) {
      const result = await runner.run(orderDecider, orderStream(orderId), step, context());
      if (step.type === 'ConfirmDelivery') deliveredEventId = result.events.find((e) => e.type === 'OrderDelivered')?.id;
    }
    if (quote.paid && deliveredEventId)
      void payWhenIssued(runner, invoiceIdForDelivery(tenantId, deliveredEventId), formatMinor(total, currency), context(), today);
  }
};

/**
 * The invoice of a delivered demo order is issued by the invoicing process manager, a moment
 * later: pay it in full once it is there, so the demo has a paid invoice (and a closed order).
 * In the background, so the app's start does not wait on it.
 */
const payWhenIssued = async (runner: EventSourcedRunner, invoiceId: string, amount: string, context: CommandContext, today: string) => {
  for (let attempt = 0; attempt < 150; attempt++) {
    const invoice = await runner.readStream(invoiceStream(invoiceId)).catch(() => null);
    if (invoice === null) return; // the app is stopping
    if (invoice.length > 0) {
      await runner
        .run(
          invoiceDecider,
          invoiceStream(invoiceId),
          {
            type: 'RecordPayment',
            invoiceId,
            paymentId: deterministicId(invoiceId, 'demo-payment'),
            amount,
            method: 'BANK_TRANSFER',
            reference: 'DEMO-WIRE-1',
            receivedOn: today,
            today,
          },
          { ...context, idempotencyKey: `demo-payment:${invoiceId}` },
        )
        .catch(() => undefined); // the app may be stopping; the next start does not retry a paid demo
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
