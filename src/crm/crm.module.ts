import { Module } from '@nestjs/common';
import { AllowedCommandsResolver } from '../shared/graphql/allowed-commands.resolver';
import { Activity, Client, Lead } from './api/crm.types';
import { activityCommands } from './application/activity.commands';
import { clientCommands } from './application/client.commands';
import { leadCommands } from './application/lead.commands';
import { ClientResolver } from './api/client.resolver';
import { LeadResolver } from './api/lead.resolver';
import { ClientRegistration } from './application/client-registration';
import { CrmQueries } from './application/crm.queries';
import { LeadConversionProcessManager } from './application/lead-conversion.process-manager';
import { ActivityResolver } from './api/activity.resolver';

@Module({
  providers: [
    CrmQueries,
    ClientRegistration,
    LeadConversionProcessManager,
    LeadResolver,
    ClientResolver,
    ActivityResolver,
    AllowedCommandsResolver(Lead, leadCommands),
    AllowedCommandsResolver(Client, clientCommands),
    AllowedCommandsResolver(Activity, activityCommands),
  ],
  exports: [ClientRegistration, CrmQueries],
})
export class CrmModule {}
