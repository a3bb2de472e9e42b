import { answerWithRow, commandsFor } from '../../shared/command/command-declaration';
import { CommandEnv } from '../../shared/command/command-spec';
import { UserDirectory } from '../../identity/public/user-directory';
import { SELLERS } from '../../shared/command/command-roles';
import { NotFoundError } from '../../shared/domain/domain-error';
import { CaptureLead, leadDecider } from '../domain/lead';
import { leadStream } from '../domain/lead.events';
import { ClientRegistration, clientIdForLead } from './client-registration';
import { CrmQueries } from './crm.queries';

export const LEADS = 'crm.leads';
export const CLIENTS = 'crm.clients';

/** An owner must be a user of the tenant (asked of identity's UserDirectory): looked up here, so the deciders stay pure. */
export const newOwner = async (env: CommandEnv, ownerId: string) => ({
  ownerId,
  ownerIsTenantUser: (await env.get(UserDirectory).user(env.tenantId, ownerId)) !== null,
});

export type CaptureLeadRequest = Omit<CaptureLead, 'type' | 'leadId'>;

export const leadCommands = commandsFor(
  leadDecider,
  { entity: 'lead', roles: SELLERS, stream: leadStream, answer: answerWithRow(CrmQueries, 'lead', LEADS) },
  ({ command, answering }) => ({
    captureLead: command({
      creates: 'lead',
      command: (input: CaptureLeadRequest, leadId: string) => ({ type: 'CaptureLead', leadId, ...input }),
    }),
    qualifyLead: command({ id: 'leadId', command: (input: { leadId: string }) => ({ type: 'QualifyLead', ...input }), probe: (lead) => ({ leadId: lead.id }) }),
    disqualifyLead: command({
      id: 'leadId',
      command: (input: { leadId: string; reason: string }) => ({ type: 'DisqualifyLead', ...input }),
      probe: (lead) => ({ leadId: lead.id, reason: 'probe' }),
    }),
    assignLeadOwner: command<{ leadId: string; ownerId: string }>({
      id: 'leadId',
      command: async ({ leadId, ownerId }, _id, env) => ({ type: 'AssignLeadOwner', leadId, ...(await newOwner(env, ownerId)) }),
      probe: (lead, caller) => ({ leadId: lead.id, ownerId: caller.userId }),
    }),
    /** The lead becomes CONVERTED, then its client is registered right away and answers. */
    convertLead: answering({
      id: (input: { leadId: string }) => input.leadId,
      command: ({ leadId }, _id, env) => ({ type: 'ConvertLead', leadId, clientId: clientIdForLead(env.tenantId, leadId) }),
      probe: (lead) => ({ leadId: lead.id }),
      after: async (converted, { leadId }, _id, env) => {
        // A repeated request (same Idempotency-Key) appended nothing: its conversion is in the stream.
        const conversionId =
          converted.events.find((event) => event.type === 'LeadConverted')?.id ??
          (await env.runner.readStream(leadStream(leadId))).find((event) => event.type === 'LeadConverted')!.id;
        const registered = await env
          .get(ClientRegistration)
          .registerFromConvertedLead(leadId, clientIdForLead(env.tenantId, leadId), conversionId, env.context);
        return { readModels: [CLIENTS], position: registered.position };
      },
      answer: async (q, tenantId, leadId) => {
        const clientId = clientIdForLead(tenantId, leadId);
        const client = await q.client(tenantId, clientId);
        if (!client) throw new NotFoundError('client', clientId);
        return client;
      },
    }),
  }),
);
