import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig } from '../../config';
import { Mailer, MAILER } from '../../shared/mail/mailer.port';
import { APP_CONFIG } from '../../shared/tokens';
import { Credentials, sha256 } from './credentials';
import { IdentityQueries } from './identity.queries';
import { IdentityTime } from './identity-time';
import { INVITATION_DAYS } from './user.commands';

export const RESET_HOURS = 1;

/**
 * The links that let a person set a password: an invitation (7 days) or a reset (1 hour), each
 * single use, stored hashed. Emailed through the mailer when the app has one; an invitation's link
 * is also answered to the admin who invited, so it works without mail.
 */
@Injectable()
export class Invitations {
  private readonly logger = new Logger('Invitations');
  private readonly publicUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly credentials: Credentials,
    private readonly queries: IdentityQueries,
    private readonly time: IdentityTime,
    @Optional() @Inject(MAILER) private readonly mailer?: Mailer,
  ) {
    this.publicUrl = (config.publicUrl ?? `http://localhost:${config.port || 3000}`).replace(/\/+$/, '');
  }

  /** A new invitation link for an invited user (earlier links stop working), emailed when mail is configured. */
  async invite(tenantId: string, user: { id: string; email: string; name: string }): Promise<string> {
    const token = await this.credentials.issueToken(tenantId, user.id, 'invitation', this.time.inDays(INVITATION_DAYS));
    const url = this.link('accept-invitation', token);
    const organisation = (await this.queries.tenant(tenantId))?.name ?? tenantId;
    await this.mail(tenantId, user.email, 'invitation', token, `You are invited to ${organisation} on annals`, [
      `Hello ${user.name},`,
      `You are invited to join ${organisation} on annals. Choose your password here (the link works once, for ${INVITATION_DAYS} days):`,
      url,
    ]);
    return url;
  }

  /** A reset link for an active user, emailed; never answered to the caller. */
  async reset(tenantId: string, user: { id: string; email: string }): Promise<Date> {
    const expiresAt = this.time.inHours(RESET_HOURS);
    const token = await this.credentials.issueToken(tenantId, user.id, 'reset', expiresAt);
    await this.mail(tenantId, user.email, 'password_reset', token, 'Reset your annals password', [
      'Someone (we hope you) asked to reset your annals password. Choose a new one here (the link works once, for an hour):',
      this.link('reset-password', token),
      'If it was not you, ignore this email: your password stays as it is.',
    ]);
    return expiresAt;
  }

  private link(page: string, token: string) {
    return `${this.publicUrl}/admin/#/${page}/${token}`;
  }

  private async mail(tenantId: string, to: string, kind: 'invitation' | 'password_reset', token: string, subject: string, lines: string[]) {
    if (!this.mailer) return;
    const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    try {
      await this.mailer.send({
        tenantId,
        to,
        subject,
        kind,
        id: `${kind}:${sha256(token).slice(0, 32)}`,
        text: lines.join('\n\n'),
        html: lines.map((line) => (line.startsWith('http') ? `<p><a href="${escape(line)}">${escape(line)}</a></p>` : `<p>${escape(line)}</p>`)).join('\n'),
      });
    } catch (error) {
      // The link still works: an invitation answers it to the admin, a reset can be asked again.
      this.logger.warn(`Could not hand the ${kind} email to the mailer: ${(error as Error).message}`);
    }
  }
}
