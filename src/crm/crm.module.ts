import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ClientResolver } from './api/client.resolver';
import { LeadResolver } from './api/lead.resolver';
import { ClientRegistration } from './application/client-registration';
import { CrmQueries } from './application/crm.queries';
import { LeadConversionProcessManager } from './application/lead-conversion.process-manager';
import { leadCommandHandlers } from './application/lead.handlers';
import { clientCommandHandlers } from './application/client.handlers';
import { activityCommandHandlers } from './application/activity.handlers';
import { TenantDirectory } from './application/tenant-directory';
import { ActivityResolver } from './api/activity.resolver';

@Module({
  imports: [CqrsModule],
  providers: [
    ...leadCommandHandlers,
    ...clientCommandHandlers,
    ...activityCommandHandlers,
    CrmQueries,
    TenantDirectory,
    ClientRegistration,
    LeadConversionProcessManager,
    LeadResolver,
    ClientResolver,
    ActivityResolver,
  ],
  exports: [ClientRegistration, CrmQueries],
})
export class CrmModule {}
