import { deciderSpec } from '../../shared/domain/decider-spec';
import { RegisterClient, clientDecider } from './client';
import { ClientRegistered } from './client.events';

const given = deciderSpec(clientDecider);
const register: RegisterClient = {
  type: 'RegisterClient',
  clientId: '0c7d8b0e-2f57-4c1c-8d6b-5d7c0c9e1a01',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  company: null,
  leadId: '6f1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11',
};
const registered: ClientRegistered = {
  type: 'ClientRegistered',
  data: { clientId: register.clientId, name: 'Ada Lovelace', email: 'ada@example.com', company: null, leadId: register.leadId },
};

describe('Client', () => {
  it('registers a client', () => given([]).when(register).then([registered]));
  it('registers a client only once', () => given([registered]).when(register).thenThrows('CLIENT_ALREADY_EXISTS'));
});
