import { Projection } from '../src/shared/projection/projection';
import { leadsProjection } from './crm/leads.projection';
import { clientsProjection } from './crm/clients.projection';
import { LeadView } from './crm/lead.entity';
import { ClientView } from './crm/client.entity';

/** Every projection the app runs, by name. Registering one here is all it takes. */
export const projections: readonly Projection[] = [leadsProjection, clientsProjection];

/** MikroORM entities of the read models. */
export const readModelEntities = [LeadView, ClientView];
