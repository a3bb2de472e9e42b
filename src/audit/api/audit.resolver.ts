import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Allow, Caller, Role } from '../../shared/auth/caller';
import { BadInputError } from '../../shared/domain/domain-error';
import { AuditLogQueries } from '../application/audit-log.queries';
import { RecordChanges } from '../application/record-changes';
import { LogVerifier, SealCheck, VerifyResult } from '../chain/log-verifier';
import { AuditLogArgs, AuditLogPage, AuditSeal, AuditThreadEntry, LogVerification, RecordChange } from './audit.types';

/** Who reads the audit trail: auditors and admins. */
export const AUDITORS: Role[] = ['admin', 'auditor'];

const seal = (s: SealCheck): AuditSeal => ({ ...s, position: s.position.toString() });
const verification = (result: VerifyResult): LogVerification => ({
  ...result,
  firstBrokenPosition: result.firstBrokenPosition?.toString() ?? null,
  headPosition: result.headPosition?.toString() ?? null,
  seals: result.seals.map(seal),
});

const range = (from: Date | undefined, to: Date | undefined) => {
  if (from && to && from.getTime() > to.getTime()) throw new BadInputError({ from: ['from must be before to'] });
  return { from, to };
};

/** The audit trail: a record's field changes, the tenant's log, one action's thread, and the hash chain's verification. */
@Resolver()
export class AuditResolver {
  constructor(
    private readonly log: AuditLogQueries,
    private readonly records: RecordChanges,
    private readonly verifier: LogVerifier,
  ) {}

  @Allow(...AUDITORS)
  @Query(() => [RecordChange], { description: "Every event of one record, turned into the fields it changed (in the API's field names), oldest first" })
  changes(@Args('entity') entity: string, @Args('id', { type: () => ID }) id: string, @Caller() caller: Caller) {
    return this.records.changes(caller.tenantId, entity, id);
  }

  @Allow(...AUDITORS)
  @Query(() => AuditLogPage, { description: "The tenant's events, newest first: who, when, from where, why" })
  auditLog(@Args() args: AuditLogArgs, @Caller() caller: Caller) {
    const filter = args.filter ?? {};
    range(filter.from, filter.to);
    return this.log.auditLog(caller.tenantId, filter, args.page, args.perPage);
  }

  @Allow(...AUDITORS)
  @Query(() => [AuditThreadEntry], { description: 'Everything one action caused, in order: the events across records and what contributors recorded' })
  auditThread(@Args('correlationId') correlationId: string, @Caller() caller: Caller) {
    if (!correlationId.trim() || correlationId.length > 200) throw new BadInputError({ correlationId: ['give the correlation id of an event'] });
    return this.log.auditThread(caller.tenantId, correlationId);
  }

  @Allow(...AUDITORS)
  @Query(() => LogVerification, { description: "Recomputes the tenant's hash chain from the stored events (recorded between from and to; all when omitted)" })
  async verifyLog(
    @Args('from', { type: () => Date, nullable: true }) from: Date | undefined,
    @Args('to', { type: () => Date, nullable: true }) to: Date | undefined,
    @Caller() caller: Caller,
  ) {
    return verification(await this.verifier.verify(caller.tenantId, range(from, to)));
  }

  @Allow(...AUDITORS)
  @Query(() => [AuditSeal], { description: 'The seals of the locked periods: the chain head at each lockPeriod' })
  async auditSeals(@Caller() caller: Caller) {
    return (await this.verifier.seals(caller.tenantId)).map(seal);
  }
}
