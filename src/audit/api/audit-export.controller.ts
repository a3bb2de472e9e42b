import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { AuthError, AuthService } from '../../shared/auth/auth.service';
import { CLOCK, Clock } from '../../shared/clock';
import { LogVerifier } from '../chain/log-verifier';
import { exportLog } from '../chain/log-export';
import { AUDITORS } from './audit.resolver';

const date = (name: string, value: string | undefined): Date | undefined => {
  if (value === undefined || value === '') return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new Error(`${name} must be an ISO 8601 date-time such as 2026-03-01T00:00:00Z`);
  return parsed;
};

/** GET /audit/export?from=&to= with a bearer token (auditor or admin): the caller's tenant's events as NDJSON with their chain hashes. */
@Controller('audit')
export class AuditExportController {
  constructor(
    private readonly auth: AuthService,
    private readonly verifier: LogVerifier,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('export')
  async export(@Headers('authorization') authorization: string | undefined, @Query('from') from: string, @Query('to') to: string, @Res() reply: FastifyReply) {
    const fail = (status: number, code: string, message: string) => reply.status(status).type('application/json').send({ error: { code, message } });
    let tenantId: string;
    try {
      const caller = await this.auth.authenticate(authorization, undefined, undefined);
      if (!AUDITORS.includes(caller.role))
        return fail(403, 'FORBIDDEN', `Your role (${caller.role}) may not export the audit log; it is open to: ${AUDITORS.join(', ')}`);
      tenantId = caller.tenantId;
    } catch (error) {
      if (error instanceof AuthError) return fail(401, 'UNAUTHENTICATED', error.message);
      throw error;
    }
    let range: { from?: Date; to?: Date };
    try {
      range = { from: date('from', from), to: date('to', to) };
    } catch (error) {
      return fail(400, 'BAD_USER_INPUT', (error as Error).message);
    }
    const now = this.clock.now();
    const name = `audit-${tenantId}-${now.toISOString().slice(0, 10)}.ndjson`;
    return reply
      .status(200)
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(exportLog(this.verifier, tenantId, range, now)));
  }
}
