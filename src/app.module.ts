import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { AppConfig, graphiqlEnabled } from './config';
import { CrmModule } from './crm/crm.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { HealthController } from './health.controller';
import { HttpDrain } from './shared/http/http-drain';
import { IdentityModule } from './identity/identity.module';
import { IntegrationModule } from './integration/integration.module';
import { LedgerModule } from './ledger/ledger.module';
import { OrdersModule } from './orders/orders.module';
import { InvoicesModule } from './orders/invoices.module';
import { DemoSeeder } from './seed/demo-seeder';
import { DatabaseModule } from './shared/database/database.module';
import { EventStoreModule } from './shared/event-store/event-store.module';
import { formatGraphQLErrors } from './shared/graphql/errors';
import { queryParseOptions, queryValidationRules } from './shared/graphql/query-limits';
import { DateTimeScalar } from './shared/graphql/scalars';
import { SharedModule } from './shared/shared.module';
import { APP_CONFIG } from './shared/tokens';
import { CLOCK, systemClock } from './shared/clock';
import { ProcessorsModule } from './shared/processing/processors.module';
import { decodeEvent } from './events';
import { projections } from '../projections';
import { appSchema } from './app-database';
import { LeadConversionProcessManager } from './crm/application/lead-conversion.process-manager';
import { InvoicingProcessManager } from './orders/application/invoicing.process-manager';
import { BillingPostingProcessManager } from './ledger/application/billing-posting.process-manager';
import { KafkaRelayReactor } from './integration/integration.module';
import { AuditModule } from './audit/audit.module';
import { AuditChainReactor } from './audit/chain/chain.reactor';
import { AUDITED_RECORDS } from './shared/history/known-at';
import { auditedRecords } from '../projections';
import { NotificationsModule } from './notifications/notifications.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { subscriptionOptions } from './notifications/public/notification-subscriptions';

/** How the GraphQL schema is built from the resolvers: the app and `src/app-schema.ts` (the UI's codegen) share it. */
export const schemaOptions = { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] };

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        // The composition root: what shared/ runs is named here, and only here.
        DatabaseModule.forRoot(appSchema),
        ProcessorsModule.forRoot({
          projectors: projections,
          reactors: [LeadConversionProcessManager, InvoicingProcessManager, BillingPostingProcessManager, KafkaRelayReactor, AuditChainReactor],
          decode: decodeEvent,
        }),
        EventStoreModule.forRoot(),
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: graphiqlEnabled(config),
          validationRules: queryValidationRules({ introspection: graphiqlEnabled(config) }),
          graphql: { parseOptions: queryParseOptions },
          buildSchemaOptions: schemaOptions,
          context: (request: unknown) => ({ req: request }),
          errorFormatter: formatGraphQLErrors as never,
          jit: 1,
          subscription: subscriptionOptions,
        }),
        SharedModule,
        IdentityModule,
        CrmModule,
        OrdersModule,
        InvoicesModule,
        LedgerModule,
        IntegrationModule,
        AuditModule,
        DashboardModule,
        NotificationsModule,
        WebhooksModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: HttpDrain, useValue: new HttpDrain() },
        { provide: CLOCK, useValue: config.clock ?? systemClock },
        { provide: AUDITED_RECORDS, useValue: auditedRecords },
        DemoSeeder,
      ],
      exports: [APP_CONFIG, CLOCK, HttpDrain, AUDITED_RECORDS],
    };
  }
}
