import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLExceptionFilter } from './graphql/graphql-exception.filter';
import { AuthGuard } from './auth/auth.guard';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { AllowedCommands } from './command/allowed-commands';
import { CommandExecutor, CommandService, READ_YOUR_WRITES } from './command/command.service';
import { EventSourcedRunner } from './command/event-sourced-runner';
import { IdempotencyService } from './command/idempotency.service';
import { ChannelListener } from './database/channel-listener';
import { HistoryResolver } from './history/history.resolver';
import { RecordLog } from './history/known-at';
import { ProjectionsResolver } from './projection/projections.resolver';
import { ProjectionsService } from './projection/projections.service';
import { TenantReader } from './read-model/tenant-reader';

/** What every bounded context builds on: commands, projections, auth, history. */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    ChannelListener,
    EventSourcedRunner,
    IdempotencyService,
    CommandExecutor,
    CommandService,
    AllowedCommands,
    { provide: READ_YOUR_WRITES, useExisting: ProjectionsService },
    ProjectionsService,
    RecordLog,
    TenantReader,
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
    AuthResolver,
    HistoryResolver,
    ProjectionsResolver,
  ],
  exports: [ChannelListener, EventSourcedRunner, IdempotencyService, CommandService, AllowedCommands, ProjectionsService, RecordLog, TenantReader, AuthService],
})
export class SharedModule {}
