import { randomUUID } from 'node:crypto';
import { Notifier } from '../src/notifications/application/notifier';
import { MAILER, type Mailer } from '../src/shared/mail/mailer.port';
import type { CloudEvent } from '../src/crm/public/crm-integration-events';
import { startTestApp, TestApp } from './support/app';
import { eventually, TestSmtpServer } from './support/smtp';
import { inbox, signIn, Staff, TestClock } from './support/notifications';

const SET_PREFERENCE = `mutation ($type: String!, $channel: NotificationChannel!, $enabled: Boolean!) {
  setNotificationPreference(type: $type, channel: $channel, enabled: $enabled) { type channel enabled locked } }`;
const MARK_READ = `mutation ($id: ID!) { markNotificationRead(id: $id) { unread } }`;

const cloudEvent = (tenantid: string, type: string, data: Record<string, unknown>, id: string = randomUUID()): CloudEvent => ({
  specversion: '1.0',
  id,
  source: '/annals/test',
  type,
  subject: String(Object.values(data)[0]),
  time: new Date().toISOString(),
  datacontenttype: 'application/json',
  tenantid,
  data,
});

describe('notifications: inbox and email (real SMTP server, embedded PostgreSQL)', () => {
  let t: TestApp;
  const smtp = new TestSmtpServer();
  const clock = new TestClock();
  let admin: Staff, sales: Staff, accountant: Staff, globexAdmin: Staff, globexAccountant: Staff;
  let notifier: Notifier;

  beforeAll(async () => {
    await smtp.start();
    t = await startTestApp({
      smtpUrl: smtp.url,
      mailFrom: 'notify@acme.example',
      publicUrl: 'https://annals.example',
      clock,
      notificationTickMs: 100,
      mailRetry: { firstDelayMs: 100, attempts: 4 },
    });
    [admin, sales, accountant, globexAdmin, globexAccountant] = await Promise.all(
      ['admin@acme.test', 'sales@acme.test', 'accountant@acme.test', 'admin@globex.test', 'accountant@globex.test'].map((email) => signIn(t, email)),
    );
    notifier = t.app.get(Notifier);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  const overdue = (tenant = 'acme', id: string = randomUUID()) =>
    cloudEvent(
      tenant,
      'billing.invoice.overdue.v1',
      {
        invoiceId: randomUUID(),
        number: 'INV-2026-000042',
        clientId: randomUUID(),
        clientName: 'Analytical Engines',
        currency: 'USD',
        total: 191999,
        amountDue: 191999,
        dueOn: dateDaysAgo(3),
      },
      id,
    );

  it('tells every accountant of the tenant that an invoice is overdue, in a sentence, with a link; by email too', async () => {
    const event = overdue();
    await notifier.handle([event]);
    const mine = (await inbox(t, accountant)).items.find((n) => n.subjectId === (event.data as any).invoiceId);
    expect(mine).toMatchObject({
      type: 'invoice.overdue',
      title: 'Invoice INV-2026-000042 is overdue',
      body: 'Invoice INV-2026-000042 for Analytical Engines is 3 days overdue: 1,919.99 USD',
      link: `/admin/#/invoices/${(event.data as any).invoiceId}/show`,
      subjectType: 'INVOICE',
      readAt: null,
    });
    const mail = await eventually(() => smtp.to('accountant@acme.test').find((m) => m.text.includes((event.data as any).invoiceId)), 15_000, 'the email');
    expect(mail).toMatchObject({ subject: 'Invoice INV-2026-000042 is overdue', fromName: 'Acme Corporation', from: 'notify@acme.example' });
    expect(mail.text).toContain('Invoice INV-2026-000042 for Analytical Engines is 3 days overdue: 1,919.99 USD');
    expect(mail.text).toContain(`https://annals.example/admin/#/invoices/${(event.data as any).invoiceId}/show`);
    expect(mail.html).toContain('<h2');
    expect(mail.messageId).toBe(`<notification-${mine.id}.acme@acme.example>`);
    // Nobody else of either tenant: not the admin, not sales, not globex's accountant.
    for (const other of [admin, sales, globexAccountant, globexAdmin])
      expect((await inbox(t, other)).items.filter((n) => n.type === 'invoice.overdue')).toEqual([]);
    expect(smtp.mails.filter((m) => m.text.includes((event.data as any).invoiceId)).map((m) => m.to)).toEqual([['accountant@acme.test']]);
  });

  it('notifies once for an event delivered twice (the in-app row and the email)', async () => {
    const event = overdue();
    await notifier.handle([event]);
    await notifier.handle([event, event]);
    const id = (event.data as any).invoiceId;
    expect((await inbox(t, accountant)).items.filter((n) => n.subjectId === id)).toHaveLength(1);
    await eventually(() => smtp.mails.some((m) => m.text.includes(id)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mails.filter((m) => m.text.includes(id))).toHaveLength(1);
  });

  it('keeps read state per user; another user or tenant cannot mark it', async () => {
    await notifier.handle([overdue()]);
    const before = await inbox(t, accountant, { unread: true });
    expect(before.unread).toBeGreaterThan(0);
    const target = before.items[0];
    const foreign = await t.graphql(MARK_READ, { id: target.id }, globexAdmin.headers);
    expect(foreign.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const colleague = await t.graphql(MARK_READ, { id: target.id }, admin.headers);
    expect(colleague.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const read = await t.graphql(MARK_READ, { id: target.id }, accountant.headers);
    expect(read.data.markNotificationRead.unread).toBe(before.unread - 1);
    const after = await inbox(t, accountant);
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.find((n) => n.id === target.id).readAt).not.toBeNull();
    const all = await t.graphql(`mutation { markAllNotificationsRead { unread } }`, {}, accountant.headers);
    expect(all.data.markAllNotificationsRead.unread).toBe(0);
    expect((await inbox(t, accountant, { unread: true })).total).toBe(0);
  });

  it('honours preferences: email off keeps the in-app one, in-app off keeps only the email; the locked one refuses', async () => {
    expect((await t.graphql(SET_PREFERENCE, { type: 'invoice.overdue', channel: 'EMAIL', enabled: false }, accountant.headers)).errors).toBeUndefined();
    const quiet = overdue();
    await notifier.handle([quiet]);
    expect((await inbox(t, accountant)).items.some((n) => n.subjectId === (quiet.data as any).invoiceId)).toBe(true);

    await t.graphql(SET_PREFERENCE, { type: 'invoice.overdue', channel: 'EMAIL', enabled: true }, accountant.headers);
    await t.graphql(SET_PREFERENCE, { type: 'invoice.overdue', channel: 'IN_APP', enabled: false }, accountant.headers);
    const mailOnly = overdue();
    await notifier.handle([mailOnly]);
    expect((await inbox(t, accountant)).items.some((n) => n.subjectId === (mailOnly.data as any).invoiceId)).toBe(false);
    await eventually(() => smtp.mails.some((m) => m.text.includes((mailOnly.data as any).invoiceId)), 15_000, 'the email of an in-app-off type');
    expect(smtp.mails.some((m) => m.text.includes((quiet.data as any).invoiceId))).toBe(false);
    await t.graphql(SET_PREFERENCE, { type: 'invoice.overdue', channel: 'IN_APP', enabled: true }, accountant.headers);

    const locked = await t.graphql(SET_PREFERENCE, { type: 'webhook.endpoint_disabled', channel: 'IN_APP', enabled: false }, admin.headers);
    expect(locked.errors?.[0].extensions.code).toBe('NOTIFICATION_PREFERENCE_LOCKED');
    const unknown = await t.graphql(SET_PREFERENCE, { type: 'invoice.lost', channel: 'EMAIL', enabled: false }, admin.headers);
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(unknown.errors?.[0].message).toContain('invoice.overdue');

    const preferences = (await t.graphql(`{ notificationPreferences { type channel enabled locked } }`, {}, sales.headers)).data.notificationPreferences;
    expect(preferences).toContainEqual({ type: 'lead.assigned', channel: 'EMAIL', enabled: true, locked: false });
    expect(preferences).toContainEqual({ type: 'quote.accepted', channel: 'EMAIL', enabled: false, locked: false });
    expect(preferences).toContainEqual({ type: 'webhook.endpoint_disabled', channel: 'IN_APP', enabled: true, locked: true });
    expect(preferences).toContainEqual({ type: 'webhook.endpoint_disabled', channel: 'EMAIL', enabled: true, locked: false });
    expect(preferences.filter((p: any) => p.channel === 'IN_APP').every((p: any) => p.enabled)).toBe(true);
  });

  it('sends a daily digest at 08:00 instead of one email each', async () => {
    expect((await t.graphql(`mutation { setEmailDigest(digest: DAILY) }`, {}, globexAccountant.headers)).data.setEmailDigest).toBe('DAILY');
    const events = [overdue('globex'), overdue('globex')];
    await notifier.handle(events);
    expect((await inbox(t, globexAccountant)).unread).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(smtp.to('accountant@globex.test')).toEqual([]);

    clock.set(nextMorning(8, 0));
    const digest = await eventually(() => smtp.to('accountant@globex.test')[0], 15_000, 'the digest');
    expect(digest.subject).toMatch(/^2 notifications waiting for you/);
    for (const event of events) expect(digest.text).toContain((event.data as any).invoiceId);
    expect(digest.fromName).toBe('Globex Europe');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(smtp.to('accountant@globex.test')).toHaveLength(1);
    clock.set(new Date());
  });

  it('delivers every email once SMTP is back after being down', async () => {
    await smtp.stop();
    const events = [overdue(), overdue(), overdue()];
    await notifier.handle(events);
    const ids = events.map((event) => (event.data as any).invoiceId);
    // The first attempts fail and are retried with backoff: the outbox shows them pending, with the error.
    await eventually(
      async () => {
        const outbox = (await t.graphql(`{ outbox(perPage: 100) { total items { id status attempts lastError text } } }`, {}, admin.headers)).data.outbox;
        const mine = outbox.items.filter((m: any) => ids.some((id) => m.text.includes(id)));
        return mine.length === 3 && mine.every((m: any) => m.attempts >= 1 && m.status === 'PENDING' && m.lastError);
      },
      15_000,
      'failed first attempts',
    );
    await smtp.start();
    await eventually(() => ids.every((id) => smtp.mails.some((m) => m.text.includes(id))), 20_000, 'every email after SMTP came back');
  });

  it('retries a message SMTP refuses, then shows it failed with the error; other contexts send through the same MAILER', async () => {
    const mailer = t.app.get<Mailer>(MAILER);
    const id = `test-${randomUUID()}`;
    const message = { tenantId: 'acme', to: 'bounce@acme.example', subject: 'Welcome to Acme', text: 'Hello', html: '<p>Hello</p>', kind: 'invitation', id };
    await mailer.send(message);
    await mailer.send(message); // the same id twice is one message
    const failed = await eventually(
      async () => {
        const outbox = (await t.graphql(`{ outbox(perPage: 100) { items { id kind to status attempts lastError nextAttemptAt } } }`, {}, admin.headers)).data
          .outbox;
        return outbox.items.find((m: any) => m.id === id && m.status === 'FAILED');
      },
      20_000,
      'the message to be shown failed',
    );
    expect(failed).toMatchObject({ kind: 'invitation', to: 'bounce@acme.example', attempts: 4, nextAttemptAt: null });
    expect(failed.lastError).toContain('mailbox unavailable');
    const refused = await mailer.send({ ...message, id: `test-${randomUUID()}`, to: 'not an address' }).catch((error) => error);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT' });
    // Another tenant's admin never sees it.
    const globex = (await t.graphql(`{ outbox(perPage: 100) { items { id } } }`, {}, globexAdmin.headers)).data.outbox;
    expect(globex.items.some((m: any) => m.id === id)).toBe(false);
  });

  it('lets only admins read the outbox', async () => {
    const refused = await t.graphql(`{ outbox { total } }`, {}, sales.headers);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

const dateDaysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Tomorrow at hh:mm UTC (the demo tenants' time zone). */
const nextMorning = (hours: number, minutes: number) => {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() + 1);
  at.setUTCHours(hours, minutes, 0, 0);
  return at;
};
