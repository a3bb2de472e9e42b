import { Global, Module } from '@nestjs/common';
import { Database } from '../shared/database/database';
import { EVENT_STORE, EventStore } from '../shared/event-store/event-store.port';
import { DATABASE } from '../shared/tokens';
import { AuditExportController } from './api/audit-export.controller';
import { AuditResolver } from './api/audit.resolver';
import { AuditLogQueries } from './application/audit-log.queries';
import { RecordChanges } from './application/record-changes';
import { AuditChainReactor } from './chain/chain.reactor';
import { LogVerifier } from './chain/log-verifier';
import { AuditThreadContributors } from './public/audit-thread-contributor';

/** The auditors' context: the hash chain and its verification, the export, the audit log and threads, records' field changes. */
@Global()
@Module({
  controllers: [AuditExportController],
  providers: [
    AuditChainReactor,
    { provide: LogVerifier, inject: [DATABASE, EVENT_STORE], useFactory: (database: Database, store: EventStore) => new LogVerifier(database.pool, store) },
    AuditLogQueries,
    RecordChanges,
    AuditResolver,
    AuditThreadContributors,
  ],
  exports: [AuditThreadContributors, AuditChainReactor, LogVerifier],
})
export class AuditModule {}
