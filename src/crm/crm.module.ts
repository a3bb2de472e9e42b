import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ClientResolver } from './api/client.resolver';
import { LeadResolver } from './api/lead.resolver';
import { ClientRegistration } from './application/client-registration';
import { CrmQueries } from './application/crm.queries';
import { LeadConversionProcessManager } from './application/lead-conversion.process-manager';
import { leadCommandHandlers } from './application/lead.handlers';

@Module({
  imports: [CqrsModule],
  providers: [...leadCommandHandlers, CrmQueries, ClientRegistration, LeadConversionProcessManager, LeadResolver, ClientResolver],
  exports: [ClientRegistration, CrmQueries],
})
export class CrmModule {}
