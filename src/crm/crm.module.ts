import { Module } from '@nestjs/common';
import { ClientResolver } from './api/client.resolver';
import { LeadResolver } from './api/lead.resolver';
import { ClientRegistration } from './application/client-registration';
import { CrmQueries } from './application/crm.queries';
import { LeadConversionProcessManager } from './application/lead-conversion.process-manager';
import { TenantDirectory } from './application/tenant-directory';
import { ActivityResolver } from './api/activity.resolver';

@Module({
  providers: [CrmQueries, TenantDirectory, ClientRegistration, LeadConversionProcessManager, LeadResolver, ClientResolver, ActivityResolver],
  exports: [ClientRegistration, CrmQueries],
})
export class CrmModule {}
