import { Decider, assertNever } from '../../shared/domain/decider';
import { CrmError, CrmErrorCode } from './crm.error';
import { ClientEvent } from './client.events';

export type RegisterClient = {
  type: 'RegisterClient';
  clientId: string;
  name: string;
  email: string;
  company: string | null;
  leadId: string | null;
};
export type ClientCommand = RegisterClient;

export type Client = { status: 'NONE' } | { status: 'ACTIVE'; id: string; leadId: string | null };

export const decide = (command: ClientCommand, state: Client): ClientEvent[] => {
  switch (command.type) {
    case 'RegisterClient': {
      if (state.status !== 'NONE')
        throw new CrmError(CrmErrorCode.ClientAlreadyExists, `Client ${command.clientId} already exists`);
      const { clientId, name, email, company, leadId } = command;
      return [{ type: 'ClientRegistered', data: { clientId, name, email, company, leadId } }];
    }
    default:
      return assertNever(command.type);
  }
};

export const evolve = (state: Client, event: ClientEvent): Client => {
  switch (event.type) {
    case 'ClientRegistered':
      return { status: 'ACTIVE', id: event.data.clientId, leadId: event.data.leadId };
    default:
      return assertNever(event.type);
  }
};

export const clientDecider: Decider<Client, ClientCommand, ClientEvent> = {
  initialState: () => ({ status: 'NONE' }),
  decide,
  evolve,
};
