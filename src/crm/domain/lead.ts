import { assertNever, recordDecider } from '../../shared/domain/decider';
import { existing, optionalText } from '../../shared/domain/guards';
import { CrmError, CrmErrorCode } from './crm.error';
import { changesOwner, validEmail, validName } from './crm-rules';
import { LeadEvent } from './lead.events';
import { leadEvents } from './crm.events';

export type LeadStatus = 'NEW' | 'QUALIFIED' | 'DISQUALIFIED' | 'CONVERTED';

export type CaptureLead = {
  type: 'CaptureLead';
  leadId: string;
  name: string;
  email: string;
  company?: string | null;
  phone?: string | null;
  source?: string | null;
};
export type QualifyLead = { type: 'QualifyLead'; leadId: string };
export type DisqualifyLead = { type: 'DisqualifyLead'; leadId: string; reason: string };
export type ConvertLead = { type: 'ConvertLead'; leadId: string; clientId: string };
/** `ownerIsTenantUser` is looked up by the handler (the users table): the decider stays pure. */
export type AssignLeadOwner = { type: 'AssignLeadOwner'; leadId: string; ownerId: string; ownerIsTenantUser: boolean };
export type LeadCommand = CaptureLead | QualifyLead | DisqualifyLead | ConvertLead | AssignLeadOwner;

export type Lead =
  { status: 'NONE' } | { status: LeadStatus; id: string; name: string; email: string; company: string | null; clientId: string | null; ownerId: string | null };

export const decide = (command: LeadCommand, state: Lead): LeadEvent[] => {
  switch (command.type) {
    case 'CaptureLead': {
      if (state.status !== 'NONE') throw new CrmError(CrmErrorCode.LeadAlreadyExists, `Lead ${command.leadId} already exists`);
      const name = validName(command.name, 'lead');
      const email = validEmail(command.email);
      return [
        {
          type: 'LeadCaptured',
          data: {
            leadId: command.leadId,
            name,
            email,
            company: optionalText(command.company),
            phone: optionalText(command.phone),
            source: optionalText(command.source),
          },
        },
      ];
    }
    case 'QualifyLead': {
      const lead = existing(state, 'lead', command.leadId);
      CrmError.requireStatus(lead, ['NEW'], CrmErrorCode.LeadNotNew, 'lead', 'qualified');
      return [{ type: 'LeadQualified', data: { leadId: lead.id } }];
    }
    case 'DisqualifyLead': {
      const lead = existing(state, 'lead', command.leadId);
      CrmError.requireStatus(lead, ['NEW'], CrmErrorCode.LeadNotNew, 'lead', 'disqualified');
      const reason = CrmError.requiredText(command.reason, CrmErrorCode.ReasonRequired, 'Say why the lead is disqualified');
      return [{ type: 'LeadDisqualified', data: { leadId: lead.id, reason } }];
    }
    case 'ConvertLead': {
      const lead = existing(state, 'lead', command.leadId);
      if (lead.status === 'CONVERTED') throw new CrmError(CrmErrorCode.LeadAlreadyConverted, `This lead was already converted into client ${lead.clientId}`);
      CrmError.requireStatus(lead, ['QUALIFIED'], CrmErrorCode.LeadNotQualified, 'lead', 'converted');
      return [{ type: 'LeadConverted', data: { leadId: lead.id, clientId: command.clientId } }];
    }
    case 'AssignLeadOwner': {
      const lead = existing(state, 'lead', command.leadId);
      if (!changesOwner(lead.ownerId, command)) return [];
      return [{ type: 'LeadOwnerAssigned', data: { leadId: lead.id, ownerId: command.ownerId } }];
    }
    default:
      return assertNever(command);
  }
};

export const evolve = (state: Lead, event: LeadEvent): Lead => {
  if (event.type === 'LeadCaptured') {
    const { leadId, name, email, company } = event.data;
    return { status: 'NEW', id: leadId, name, email, company, clientId: null, ownerId: null };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'LeadQualified':
      return { ...state, status: 'QUALIFIED' };
    case 'LeadDisqualified':
      return { ...state, status: 'DISQUALIFIED' };
    case 'LeadConverted':
      return { ...state, status: 'CONVERTED', clientId: event.data.clientId };
    case 'LeadOwnerAssigned':
      return { ...state, ownerId: event.data.ownerId };
    default:
      return assertNever(event);
  }
};

export const leadDecider = recordDecider<Lead, LeadCommand, LeadEvent>({ events: leadEvents, decide, evolve });
