import type { MailMessage } from '../../shared/mail/mailer.port';

/** What an email about notifications needs to know of them. */
export interface MailedNotification {
  id: string;
  title: string;
  body: string;
  link: string;
}

const escape = (value: string): string => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const PREFERENCES = '/admin/#/notification-preferences';

const page = (tenantName: string, inner: string, publicUrl: string) => `<!doctype html>
<html><body style="font-family: -apple-system, Segoe UI, Roboto, sans-serif; color: #1f2937; max-width: 600px; margin: 0 auto; padding: 16px">
${inner}
<p style="color: #6b7280; font-size: 12px; margin-top: 32px">${escape(tenantName)} on annals. <a href="${escape(publicUrl + PREFERENCES)}">Choose which notifications you get by email</a>.</p>
</body></html>`;

const footer = (tenantName: string, publicUrl: string) =>
  `--\n${tenantName} on annals. Choose which notifications you get by email: ${publicUrl}${PREFERENCES}\n`;

/** One email for one notification: its title as subject, its body, and the link to the record. */
export const notificationMail = (tenantId: string, tenantName: string, to: string, n: MailedNotification, publicUrl: string): MailMessage => ({
  tenantId,
  to,
  id: `notification-${n.id}`,
  kind: 'notification',
  subject: n.title,
  text: `${n.body}\n\nOpen it: ${publicUrl}${n.link}\n\n${footer(tenantName, publicUrl)}`,
  html: page(
    tenantName,
    `<h2 style="font-size: 18px">${escape(n.title)}</h2>
<p>${escape(n.body)}</p>
<p><a href="${escape(publicUrl + n.link)}" style="background: #1976d2; color: #fff; padding: 8px 16px; border-radius: 4px; text-decoration: none">Open it in annals</a></p>`,
    publicUrl,
  ),
});

/** The daily digest: every notification not read yet, in one email. */
export const digestMail = (
  tenantId: string,
  tenantName: string,
  to: string,
  userId: string,
  day: string,
  items: readonly MailedNotification[],
  publicUrl: string,
): MailMessage => ({
  tenantId,
  to,
  id: `digest-${userId}-${day}`,
  kind: 'digest',
  subject: `${items.length} notification${items.length === 1 ? '' : 's'} waiting for you (${day})`,
  text: `Not read yet:\n\n${items.map((n) => `- ${n.title}\n  ${n.body}\n  ${publicUrl}${n.link}`).join('\n\n')}\n\n${footer(tenantName, publicUrl)}`,
  html: page(
    tenantName,
    `<h2 style="font-size: 18px">Not read yet</h2>
<ul style="padding-left: 16px">${items
      .map((n) => `<li style="margin-bottom: 12px"><a href="${escape(publicUrl + n.link)}"><strong>${escape(n.title)}</strong></a><br>${escape(n.body)}</li>`)
      .join('\n')}</ul>`,
    publicUrl,
  ),
});
